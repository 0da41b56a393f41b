import { z } from 'zod';
import {
  DECIMAL_PATTERN,
  MAX_DECIMAL_LENGTH,
  MAX_DECIMAL_PLACES,
  SIGNED_DECIMAL_PATTERN,
  decimalPlaces,
} from '../domain/money';
import {
  ledgerTypes,
  orderSides,
  orderStatuses,
  orderTypes,
  referenceTypes,
  timesInForce,
  tradeRoles,
  withdrawalStatuses,
} from '../trading/vocabulary';
import { isoTimestamp, pageQueryFields } from './common';

/**
 * Schemas shared by the trading routes. Amounts and prices are decimal strings in and out
 * (DESIGN §6): digits with an optional fraction, no sign, no exponent, bounded length and
 * decimals. Whether a value fits its market's tick or lot, or its asset's precision, is checked
 * by the use case, which names the field.
 */
const decimalMessage = 'Must be a decimal string such as "0.001" (no sign, no exponent)';

/** An unsigned decimal string within the global bounds. */
export const decimalString = z
  .string()
  .max(MAX_DECIMAL_LENGTH, `Must be at most ${MAX_DECIMAL_LENGTH} characters`)
  .regex(DECIMAL_PATTERN, decimalMessage)
  .refine((text) => decimalPlaces(text) <= MAX_DECIMAL_PLACES, {
    message: `Must have at most ${MAX_DECIMAL_PLACES} decimal places`,
  });

/** A signed decimal string (admin adjustments: credit or debit). */
export const signedDecimalString = z
  .string()
  .max(MAX_DECIMAL_LENGTH, `Must be at most ${MAX_DECIMAL_LENGTH} characters`)
  .regex(SIGNED_DECIMAL_PATTERN, 'Must be a signed decimal string such as "-0.5"')
  .refine((text) => decimalPlaces(text) <= MAX_DECIMAL_PLACES, {
    message: `Must have at most ${MAX_DECIMAL_PLACES} decimal places`,
  });

export const symbolSchema = z.string().regex(/^[A-Z0-9]{2,20}$/, 'Must be a market symbol');
export const assetSchema = z.string().regex(/^[A-Z0-9]{2,10}$/, 'Must be an asset code');
export const clientOrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,36}$/, 'Must be 1-36 letters, digits, "_" or "-"');
export const orderIdSchema = z.uuid();

/** List routes: `limit` (1-100, default 50) and the opaque `cursor` of the previous page. */
export const tradingPageShape = pageQueryFields(50);

/** An optional `from`/`to` range of ISO-8601 timestamps, both inclusive. */
export const timeRangeShape = {
  from: isoTimestamp.optional(),
  to: isoTimestamp.optional(),
};

/**
 * Refines a query so that `from` is not after `to`, as instants: as text, `…00.5Z` sorts before
 * `…00Z` although it is half a second later, and the stores' key ranges compare instants.
 */
export const rangeIsOrdered = (query: { from?: string | undefined; to?: string | undefined }) =>
  query.from === undefined ||
  query.to === undefined ||
  Date.parse(query.from) <= Date.parse(query.to);

/** An order as apps see it (DESIGN §5), plus `post_only`, quote sizing and cancel state. */
export const orderSchema = z.object({
  id: z.string(),
  client_order_id: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(orderSides),
  type: z.enum(orderTypes),
  time_in_force: z.enum(timesInForce),
  quantity: z.string().nullable(),
  price: z.string().nullable(),
  filled_quantity: z.string(),
  average_price: z.string().nullable(),
  status: z.enum(orderStatuses),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  post_only: z.boolean(),
  quote_order_qty: z.string().nullable(),
  filled_quote: z.string(),
  cancel_requested: z.boolean(),
  reject_reason: z.string().nullable(),
});
export type OrderView = z.infer<typeof orderSchema>;

export const balanceSchema = z.object({
  asset: z.string(),
  available: z.string(),
  locked: z.string(),
});
export type BalanceView = z.infer<typeof balanceSchema>;

export const ledgerEntrySchema = z.object({
  id: z.string(),
  type: z.enum(ledgerTypes),
  asset: z.string(),
  amount: z.string(),
  available_change: z.string(),
  locked_change: z.string(),
  balance_after: z.string(),
  available_after: z.string(),
  locked_after: z.string(),
  reference: z.object({ type: z.enum(referenceTypes), id: z.string() }),
  memo: z.string().nullable(),
  created_at: isoTimestamp,
});
export type LedgerEntryView = z.infer<typeof ledgerEntrySchema>;

export const accountTradeSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  symbol: z.string(),
  side: z.enum(orderSides),
  price: z.string(),
  quantity: z.string(),
  fee: z.string(),
  fee_asset: z.string(),
  role: z.enum(tradeRoles),
  executed_at: isoTimestamp,
});
export type AccountTradeView = z.infer<typeof accountTradeSchema>;

export const withdrawalSchema = z.object({
  id: z.string(),
  asset: z.string(),
  amount: z.string(),
  address: z.string(),
  status: z.enum(withdrawalStatuses),
  reason: z.string().nullable(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  decided_at: isoTimestamp.nullable(),
});
export type WithdrawalView = z.infer<typeof withdrawalSchema>;

const feeRateSchema = z.object({
  tier: z.number().int(),
  maker_fee_rate: z.string(),
  taker_fee_rate: z.string(),
});

export const feeTierSchema = z.object({
  fee_tier: z.number().int(),
  maker_fee_rate: z.string(),
  taker_fee_rate: z.string(),
  /** Fees are charged in the asset received: a buyer pays in base, a seller in quote. */
  fee_asset: z.literal('received'),
  tiers: z.array(feeRateSchema),
});
