import type { Access, RouteBinding } from '../routes';

/**
 * Least privilege per trading route. Reads touch the Trading table only; money-moving routes
 * read and write it and append to the audit trail; only placing, cancelling and the
 * reconciler may send to the orders queue (send only, never receive); identity's Users table
 * is read for profiles (status, KYC level, fee tier, MFA) and, by the reconciler, its outbox
 * of user events; placing reads the book tops the matching service publishes.
 */
const reading = { tables: { trading: 'read' } } as const satisfies Access;

const placing = {
  tables: { trading: 'readwrite', users: 'read', marketData: 'read', audit: 'append' },
  queues: { orders: 'send' },
} as const satisfies Access;

const cancelling = {
  tables: { trading: 'readwrite', audit: 'append' },
  queues: { orders: 'send' },
} as const satisfies Access;

const profile = { tables: { users: 'read' } } as const satisfies Access;

const moving = {
  tables: { trading: 'readwrite', users: 'read', audit: 'append' },
} as const satisfies Access;

const adminMoving = { tables: { trading: 'readwrite', audit: 'append' } } as const satisfies Access;

const reconciling = {
  tables: { trading: 'readwrite', users: 'read', audit: 'append' },
  queues: { orders: 'send' },
} as const satisfies Access;

type Binding = [RouteBinding['method'], string, string, Access];

const table: readonly Binding[] = [
  ['POST', '/api/orders', 'orders/place-order', placing],
  ['GET', '/api/orders', 'orders/list-orders', reading],
  ['GET', '/api/orders/active', 'orders/active-orders', reading],
  ['GET', '/api/orders/history', 'orders/order-history', reading],
  ['GET', '/api/orders/{id}', 'orders/get-order', reading],
  ['DELETE', '/api/orders/{id}', 'orders/cancel-order', cancelling],
  ['GET', '/api/account/balances', 'balances/list-balances', reading],
  ['GET', '/api/account/balances/{asset}', 'balances/get-balance', reading],
  ['GET', '/api/account/ledger', 'balances/ledger', reading],
  ['GET', '/api/account/trades', 'balances/trades', reading],
  ['GET', '/api/account/fee-tier', 'balances/fee-tier', profile],
  ['POST', '/api/account/deposit', 'balances/deposit', moving],
  ['POST', '/api/account/withdraw', 'balances/withdraw', moving],
  ['POST', '/api/admin/users/{id}/balances/adjust', 'admin-trading/adjust-balance', adminMoving],
  ['GET', '/api/admin/orders', 'admin-trading/admin-orders', reading],
  ['GET', '/api/admin/trades', 'admin-trading/admin-trades', reading],
  ['GET', '/api/admin/system-stats', 'admin-trading/system-stats', reading],
  ['GET', '/api/admin/withdrawals', 'admin-trading/list-withdrawals', reading],
  ['POST', '/api/admin/withdrawals/{id}/approve', 'admin-trading/approve-withdrawal', adminMoving],
  ['POST', '/api/admin/withdrawals/{id}/reject', 'admin-trading/reject-withdrawal', adminMoving],
  ['POST', '/api/admin/trading/reconcile', 'admin-trading/reconcile', reconciling],
];

export const tradingRoutes: readonly RouteBinding[] = table.map(
  ([method, path, handler, access]) => ({
    method,
    path,
    entry: `functions/${handler}.handler.ts`,
    auth: 'user',
    access,
    ...(path === '/api/admin/system-stats' || path === '/api/admin/trading/reconcile'
      ? { timeoutSeconds: 30 }
      : {}),
  }),
);

/**
 * Not an HTTP route: the scheduled reconciler (every minute) the CDK app must add as its own
 * function with this access — resend or release undelivered order commands, cancel the open
 * orders of suspended users.
 */
export const tradingReconciler = {
  entry: 'functions/orders/reconcile.handler.ts',
  access: reconciling,
  scheduleMinutes: 1,
} as const;
