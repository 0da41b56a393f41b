/**
 * The markets and assets registry. Prices and quantities are decimal strings at the edge and
 * integers inside (DESIGN §6): a price is a whole number of `tickSize`, a quantity a whole
 * number of `lotSize`, a balance a whole number of the asset's minor unit (10^-precision).
 * The filter values here are code, the same in every environment; only `status` changes at run
 * time (the Trading table's `MARKET`/`MARKET#<symbol>` item, seeded from this list, wins).
 */
export const marketStatuses = ['TRADING', 'HALT', 'CANCEL_ONLY'] as const;
/** `HALT` refuses every order command; `CANCEL_ONLY` refuses new orders but takes cancels. */
export type MarketStatus = (typeof marketStatuses)[number];

export interface Asset {
  readonly code: string;
  readonly name: string;
  /** Decimal places of the minor unit balances are kept in. */
  readonly precision: number;
}

export interface Market {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Price step, in the quote asset. */
  readonly tickSize: string;
  /** Quantity step, in the base asset. */
  readonly lotSize: string;
  readonly minQuantity: string;
  readonly maxQuantity: string;
  /** Minimum price × quantity, in the quote asset. */
  readonly minNotional: string;
  readonly status: MarketStatus;
}

export const assets: readonly Asset[] = [
  { code: 'BTC', name: 'Bitcoin', precision: 8 },
  { code: 'ETH', name: 'Ether', precision: 8 },
  { code: 'USDT', name: 'Tether USD', precision: 8 },
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

/** The asset with this code, or undefined. */
export const findAsset = (code: string): Asset | undefined =>
  assets.find((asset) => asset.code === code);

/** Codes of every listed asset, in registry order. */
export const assetCodes: readonly string[] = assets.map((asset) => asset.code);

/** Whether a runtime value is one of the market statuses. */
export const isMarketStatus = (value: unknown): value is MarketStatus =>
  typeof value === 'string' && (marketStatuses as readonly string[]).includes(value);

/**
 * Run-time market statuses by symbol, as the Trading table's `MARKET` items hold them; a market
 * without an item keeps its registry status. Trading and market data read them.
 */
export interface MarketStatuses {
  all(): Promise<ReadonlyMap<string, MarketStatus>>;
}
