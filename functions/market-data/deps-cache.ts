/**
 * `Cache-Control` of a public market-data answer: what a CDN or an app may reuse. Books and
 * trades change with every batch (one second); tickers and open-ended candles a few seconds;
 * the market list and closed candle ranges longer.
 */
export const cacheFor = (seconds: number): Record<string, string> => ({
  'cache-control': `public, max-age=${seconds}`,
});
