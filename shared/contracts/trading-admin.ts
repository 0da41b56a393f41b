import { z } from 'zod';
import { orderSides, orderStatuses, withdrawalStatuses } from '../trading/vocabulary';
import { isoTimestamp, pageOf } from './common';
import { defineRoute } from './route-contract';
import {
  assetSchema,
  balanceSchema,
  orderSchema,
  signedDecimalString,
  symbolSchema,
  tradingPageShape,
  withdrawalSchema,
} from './trading-schemas';

/**
 * Admin routes of the trading side. Reading is for `admin`, `compliance` and `auditor`;
 * moving money (adjustments, withdrawal decisions, the reconciler) for `admin` only.
 */
const tags = ['admin'];
const readers = ['admin', 'compliance', 'auditor'] as const;
const movers = ['admin'] as const;

const userIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Must be a user id');
const reasonSchema = z.string().trim().min(3).max(500);

export const adjustBalanceParams = z.strictObject({ id: userIdSchema });
export const adjustBalanceBody = z.strictObject({
  asset: assetSchema,
  /** Positive credits, negative debits; a debit never takes `available` below zero. */
  amount: signedDecimalString,
  reason: reasonSchema,
});
export type AdjustBalanceBody = z.output<typeof adjustBalanceBody>;

export const withdrawalParams = z.strictObject({ id: z.uuid() });
export const decideWithdrawalBody = z.strictObject({ reason: reasonSchema.optional() });
export const rejectWithdrawalBody = z.strictObject({ reason: reasonSchema });

export const adminWithdrawalsQuery = z.strictObject({
  status: z.enum(withdrawalStatuses).default('PENDING'),
  ...tradingPageShape,
});
export type AdminWithdrawalsQuery = z.output<typeof adminWithdrawalsQuery>;

export const adminOrdersQuery = z.strictObject({
  symbol: symbolSchema.optional(),
  user_id: userIdSchema.optional(),
  status: z.enum(orderStatuses).optional(),
  side: z.enum(orderSides).optional(),
  ...tradingPageShape,
});
export type AdminOrdersQuery = z.output<typeof adminOrdersQuery>;

export const adminTradesQuery = z.strictObject({
  symbol: symbolSchema.optional(),
  ...tradingPageShape,
});
export type AdminTradesQuery = z.output<typeof adminTradesQuery>;

export const adminWithdrawalSchema = withdrawalSchema.extend({ user_id: z.string() });
export const adminOrderSchema = orderSchema.extend({ user_id: z.string() });
export const adminTradeSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  price: z.string(),
  quantity: z.string(),
  taker_side: z.enum(orderSides),
  taker_order_id: z.string(),
  maker_order_id: z.string(),
  taker_user_id: z.string(),
  maker_user_id: z.string(),
  executed_at: isoTimestamp,
});

const assetStatsSchema = z.object({
  total_available: z.string(),
  total_locked: z.string(),
  fees_collected: z.string(),
  deposits: z.string(),
  withdrawals: z.string(),
  conserved: z.boolean(),
});
export type AssetStats = z.infer<typeof assetStatsSchema>;

export const systemStatsSchema = z.object({
  assets: z.record(z.string(), assetStatsSchema),
  checked_at: isoTimestamp,
});

export const reconcileReportSchema = z.object({
  resent: z.number().int().nonnegative(),
  /** Of `resent`: places past their `expires_at`, sent for the engine to refuse. */
  expired: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  user_events: z.number().int().nonnegative(),
});
export type ReconcileReport = z.infer<typeof reconcileReportSchema>;

export const adjustBalanceRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/users/{id}/balances/adjust',
  summary: 'Credit or debit a user’s available balance, with a reason (never below zero)',
  tags,
  auth: 'user',
  groups: movers,
  params: adjustBalanceParams,
  body: adjustBalanceBody,
  response: balanceSchema,
  errors: ['INSUFFICIENT_BALANCE', 'NOT_FOUND'],
});

export const adminOrdersRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/orders',
  summary: 'Orders of one user, one market, or every market, newest first',
  tags,
  auth: 'user',
  groups: readers,
  query: adminOrdersQuery,
  response: pageOf(adminOrderSchema),
  errors: [],
});

export const adminTradesRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/trades',
  summary: 'Trades of one market or every market, newest first',
  tags,
  auth: 'user',
  groups: readers,
  query: adminTradesQuery,
  response: pageOf(adminTradeSchema),
  errors: [],
});

export const systemStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/system-stats',
  summary:
    'Per asset: users’ available and locked totals, fees collected, deposits, withdrawals, and whether they balance',
  tags,
  auth: 'user',
  groups: readers,
  response: systemStatsSchema,
  errors: [],
});

export const adminWithdrawalsRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/withdrawals',
  summary: 'Withdrawals by status (default PENDING), oldest first',
  tags,
  auth: 'user',
  groups: readers,
  query: adminWithdrawalsQuery,
  response: pageOf(adminWithdrawalSchema),
  errors: [],
});

export const approveWithdrawalRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/withdrawals/{id}/approve',
  summary: 'Approve a pending withdrawal: the locked funds leave the platform',
  tags,
  auth: 'user',
  groups: movers,
  params: withdrawalParams,
  body: decideWithdrawalBody,
  response: adminWithdrawalSchema,
  errors: ['NOT_FOUND', 'CONFLICT'],
});

export const rejectWithdrawalRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/withdrawals/{id}/reject',
  summary: 'Reject a pending withdrawal: the locked funds return to available',
  tags,
  auth: 'user',
  groups: movers,
  params: withdrawalParams,
  body: rejectWithdrawalBody,
  response: adminWithdrawalSchema,
  errors: ['NOT_FOUND', 'CONFLICT'],
});

export const reconcileRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/trading/reconcile',
  summary:
    'Run the order outbox reconciler and the user-event consumer now (they also run on a schedule)',
  tags,
  auth: 'user',
  groups: movers,
  response: reconcileReportSchema,
  errors: [],
});

export const tradingAdminContracts = [
  adjustBalanceRoute,
  adminOrdersRoute,
  adminTradesRoute,
  systemStatsRoute,
  adminWithdrawalsRoute,
  approveWithdrawalRoute,
  rejectWithdrawalRoute,
  reconcileRoute,
] as const;
