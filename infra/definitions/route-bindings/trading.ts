import { TOTP_KMS_PURPOSE } from '../../../shared/identity/totp-envelope';
import type { Access, RouteBinding } from '../routes';

/**
 * Least privilege per trading route. Reads touch the Trading table only; money-moving routes
 * read and write it and append to the audit trail; only placing, cancelling and the
 * reconciler may send to the shards' command queues (send only, never receive); identity's Users table
 * is read for profiles (status, KYC level, fee tier, MFA) and, by the reconciler, its outbox
 * of user events; placing reads the book tops the matching service publishes.
 */
const reading = { tables: { trading: 'read' } } as const satisfies Access;

const placing = {
  tables: { trading: 'readwrite', users: 'read', marketData: 'read', audit: 'append' },
  commandQueues: 'send',
} as const satisfies Access;

const cancelling = {
  tables: { trading: 'readwrite', audit: 'append' },
  commandQueues: 'send',
} as const satisfies Access;

const profile = { tables: { users: 'read' } } as const satisfies Access;

const moving = {
  tables: { trading: 'readwrite', users: 'read', audit: 'append' },
} as const satisfies Access;

/**
 * Withdrawing also verifies the step-up code: it unwraps TOTP secrets (`Decrypt` on the MFA key
 * only, bound to the `totp` purpose) and writes the enrolment item's replay guard and failure
 * count in the Users table.
 */
const withdrawing = {
  tables: { trading: 'readwrite', users: 'readwrite', audit: 'append' },
  keys: { mfa: ['Decrypt'] },
  kmsPurpose: TOTP_KMS_PURPOSE,
} as const satisfies Access;

const adminMoving = { tables: { trading: 'readwrite', audit: 'append' } } as const satisfies Access;

const reconciling = {
  tables: { trading: 'readwrite', users: 'read', audit: 'append' },
  commandQueues: 'send',
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
  ['POST', '/api/account/withdraw', 'balances/withdraw', withdrawing],
  ['POST', '/api/admin/users/{id}/balances/adjust', 'admin-trading/adjust-balance', adminMoving],
  ['GET', '/api/admin/orders', 'admin-trading/admin-orders', reading],
  ['GET', '/api/admin/trades', 'admin-trading/admin-trades', reading],
  ['GET', '/api/admin/system-stats', 'admin-trading/system-stats', reading],
  ['GET', '/api/admin/withdrawals', 'admin-trading/list-withdrawals', reading],
  ['POST', '/api/admin/withdrawals/{id}/approve', 'admin-trading/approve-withdrawal', adminMoving],
  ['POST', '/api/admin/withdrawals/{id}/reject', 'admin-trading/reject-withdrawal', adminMoving],
  ['POST', '/api/admin/trading/reconcile', 'admin-trading/reconcile', reconciling],
];

/**
 * What a platform API key may call (`scope`), and the order-entry rate class. Everything else
 * here — deposits, withdrawals, admin routes — takes a signed-in session only.
 */
const apiKeyAccess: Readonly<Record<string, Pick<RouteBinding, 'scope' | 'rateClass'>>> = {
  'POST /api/orders': { scope: 'trade', rateClass: 'orders' },
  'DELETE /api/orders/{id}': { scope: 'trade', rateClass: 'orders' },
  'GET /api/orders': { scope: 'read' },
  'GET /api/orders/active': { scope: 'read' },
  'GET /api/orders/history': { scope: 'read' },
  'GET /api/orders/{id}': { scope: 'read' },
  'GET /api/account/balances': { scope: 'read' },
  'GET /api/account/balances/{asset}': { scope: 'read' },
  'GET /api/account/ledger': { scope: 'read' },
  'GET /api/account/trades': { scope: 'read' },
  'GET /api/account/fee-tier': { scope: 'read' },
};

export const tradingRoutes: readonly RouteBinding[] = table.map(
  ([method, path, handler, access]) => ({
    method,
    path,
    entry: `functions/${handler}.handler.ts`,
    auth: 'user',
    access,
    ...apiKeyAccess[`${method} ${path}`],
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
