import { z } from 'zod';
import { storedBigInt } from './numbers';

/**
 * The best bid and ask of a market, written by the matching service into the MarketData table
 * at `pk = BOOK#<symbol>`, `sk = TOP` after every batch, and read by the API to lock a market
 * buy by quantity at a protection price. Prices are ticks; `null` when that side is empty.
 */
export const bookTopKey = (symbol: string) => ({ pk: `BOOK#${symbol}`, sk: 'TOP' });

export const bookTopItemSchema = z.object({
  symbol: z.string(),
  best_bid: storedBigInt.nullable().default(null),
  best_ask: storedBigInt.nullable().default(null),
  sequence: storedBigInt,
  updated_at: z.string(),
});
export type BookTopItem = z.output<typeof bookTopItemSchema>;

/** Best bid and ask in ticks, as the matching service last published them (null: empty side). */
export interface BookTop {
  readonly bestBid: bigint | null;
  readonly bestAsk: bigint | null;
}

/** Reads the published best bid and ask of a market. */
export interface BookTops {
  top(symbol: string): Promise<BookTop | undefined>;
}
