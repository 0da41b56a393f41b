/**
 * The markets and assets registry. Prices and quantities are decimal strings at the edge and
 * integers inside (DESIGN §6): a price is a whole number of `tickSize`, a quantity a whole
 * number of `lotSize`, a balance a whole number of the asset's minor unit (10^-precision).
 */
export type MarketStatus = 'TRADING' | 'HALT' | 'CANCEL_ONLY';

export interface Asset {
  readonly code: string;
  /** Decimal places of the minor unit balances are kept in. */
  readonly precision: number;
}

export interface Market {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tickSize: string;
  readonly lotSize: string;
  readonly minQuantity: string;
  readonly maxQuantity: string;
  /** Minimum price × quantity, in the quote asset. */
  readonly minNotional: string;
  readonly status: MarketStatus;
}

export const assets: readonly Asset[] = [
  { code: 'BTC', precision: 8 },
  { code: 'ETH', precision: 8 },
  { code: 'USDT', precision: 8 },
];

export const markets: readonly Market[] = [
  {
    symbol: 'BTCUSDT',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01',
    lotSize: '0.00001',
    minQuantity: '0.00001',
    maxQuantity: '9000',
    minNotional: '10',
    status: 'TRADING',
  },
  {
    symbol: 'ETHUSDT',
    base: 'ETH',
    quote: 'USDT',
    tickSize: '0.01',
    lotSize: '0.0001',
    minQuantity: '0.0001',
    maxQuantity: '90000',
    minNotional: '10',
    status: 'TRADING',
  },
];

/** The market with this symbol, or undefined. */
export const findMarket = (symbol: string): Market | undefined =>
  markets.find((market) => market.symbol === symbol);
