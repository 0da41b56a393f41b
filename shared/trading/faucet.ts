/**
 * The sandbox faucet (`POST /api/account/deposit`, only when the stack runs as a sandbox or
 * locally): most an account may credit itself per asset per UTC day, as decimal strings.
 */
export const faucetDailyCap: Readonly<Record<string, string>> = {
  BTC: '1',
  ETH: '10',
  USDT: '100000',
};
