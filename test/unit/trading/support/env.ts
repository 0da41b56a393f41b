/**
 * Resource names the order and account handler modules read at import (their composition
 * roots build lazy clients that these unit tests never call). Import this module first.
 */
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  TRADING_TABLE: 'Trading',
  USERS_TABLE: 'Users',
  MARKET_DATA_TABLE: 'MarketData',
  AUDIT_TABLE: 'Audit',
  MFA_KEY_ID: 'alias/exchange-mfa',
  ORDERS_QUEUE_URL_BTC: 'http://127.0.0.1:9/000000000000/orders-btc.fifo',
  ORDERS_QUEUE_URL_ETH: 'http://127.0.0.1:9/000000000000/orders-eth.fifo',
});
