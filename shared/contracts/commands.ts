import { z } from 'zod';

/**
 * Messages on the orders FIFO queue, from the trading API to the matching service. A versioned
 * discriminated union: the consumer decodes with this schema at its edge, and a message that
 * does not decode is a poison message (journaled as rejected, never blocking its group).
 * Prices are integer ticks and quantities integer lots of the symbol's market (DESIGN §6).
 * Message group = symbol; deduplication id = `command_id`.
 */
const ticks = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const lots = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/**
 * Epoch ms a `Date` can hold (±8.64e15): settlement and market data stamp times as ISO text,
 * so a later time would journal fine and then stop its symbol's settlement for good.
 */
const epochMs = z.number().int().nonnegative().max(8_640_000_000_000_000);

const base = {
  v: z.literal(1),
  command_id: z.string().min(1).max(64),
  symbol: z.string().regex(/^[A-Z0-9]{2,20}$/),
  /** When the API accepted the command, epoch ms; the engine's only notion of time. */
  issued_at: epochMs,
};

export const placeCommandSchema = z.object({
  ...base,
  type: z.literal('place'),
  /**
   * Epoch ms after which the command must not act: a consumer receiving it later refuses it
   * without touching the book (journaled as refused), and settling the refusal closes the
   * order and returns its lock: the only way an order the API could not deliver in time is
   * closed. Optional for commands written before it existed.
   */
  expires_at: epochMs.optional(),
  order: z
    .object({
      id: z.string().min(1).max(64),
      account_id: z.string().min(1).max(64),
      side: z.enum(['BUY', 'SELL']),
      order_type: z.enum(['LIMIT', 'MARKET']),
      time_in_force: z.enum(['GTC', 'IOC', 'FOK']),
      post_only: z.boolean(),
      price: ticks.optional(),
      quantity: lots.optional(),
      /** Market orders by quote amount, in tick×lot units. */
      quote_amount: ticks.optional(),
      /** Most a market buy by quantity may spend, in tick×lot units: its lock. */
      quote_limit: ticks.optional(),
      stp: z.enum(['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH']).optional(),
    })
    /**
     * Quote sizing is for market buys only, as the API offers it: a quote-sized sell would reach
     * the engine with no cap on the base it gives away (the API locks base for sells).
     */
    .refine(
      (o) => o.quote_amount === undefined || (o.side === 'BUY' && o.order_type === 'MARKET'),
      {
        message: 'quote_amount is for MARKET BUY orders only',
        path: ['quote_amount'],
      },
    ),
});

export const cancelCommandSchema = z.object({
  ...base,
  type: z.literal('cancel'),
  order_id: z.string().min(1).max(64),
  account_id: z.string().min(1).max(64),
});

export const orderCommandSchema = z.discriminatedUnion('type', [
  placeCommandSchema,
  cancelCommandSchema,
]);
export type OrderCommand = z.infer<typeof orderCommandSchema>;
export type PlaceCommand = z.infer<typeof placeCommandSchema>;
export type CancelCommand = z.infer<typeof cancelCommandSchema>;
