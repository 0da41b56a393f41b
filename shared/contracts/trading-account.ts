import { z } from 'zod';
import { ledgerTypes } from '../trading/vocabulary';
import { pageOf } from './common';
import { defineRoute } from './route-contract';
import {
  accountTradeSchema,
  assetSchema,
  balanceSchema,
  decimalString,
  feeTierSchema,
  ledgerEntrySchema,
  rangeIsOrdered,
  symbolSchema,
  timeRangeShape,
  tradingPageShape,
  withdrawalSchema,
} from './trading-schemas';

/** The caller's account: balances, ledger, trades, fee tier, faucet deposits, withdrawals. */
const tags = ['account'];

export const assetParams = z.strictObject({ asset: assetSchema });

export const ledgerQuery = z
  .strictObject({
    asset: assetSchema.optional(),
    type: z.enum(ledgerTypes).optional(),
    ...timeRangeShape,
    ...tradingPageShape,
  })
  .refine(rangeIsOrdered, { message: 'from must not be after to', path: ['from'] });
export type LedgerQuery = z.output<typeof ledgerQuery>;

export const accountTradesQuery = z
  .strictObject({
    symbol: symbolSchema.optional(),
    ...timeRangeShape,
    ...tradingPageShape,
  })
  .refine(rangeIsOrdered, { message: 'from must not be after to', path: ['from'] });
export type AccountTradesQuery = z.output<typeof accountTradesQuery>;

export const depositBody = z.strictObject({ asset: assetSchema, amount: decimalString });
export type DepositBody = z.output<typeof depositBody>;

/** Withdrawal addresses: printable, no spaces; the per-asset format is the use case's check. */
export const withdrawBody = z.strictObject({
  asset: assetSchema,
  amount: decimalString,
  address: z.string().regex(/^[A-Za-z0-9]{20,100}$/, 'Must be a wallet address'),
  mfa_code: z
    .string()
    .regex(/^[0-9]{6}$/, 'Must be a 6-digit code')
    .optional(),
});
export type WithdrawBody = z.output<typeof withdrawBody>;

export const listBalancesRoute = defineRoute({
  method: 'GET',
  path: '/api/account/balances',
  summary: 'Every asset with its available and locked balance (zero when never funded)',
  tags,
  auth: 'user',
  response: z.object({ items: z.array(balanceSchema) }),
  errors: [],
});

export const getBalanceRoute = defineRoute({
  method: 'GET',
  path: '/api/account/balances/{asset}',
  summary: 'The balance of one asset',
  tags,
  auth: 'user',
  params: assetParams,
  response: balanceSchema,
  errors: ['NOT_FOUND'],
});

export const ledgerRoute = defineRoute({
  method: 'GET',
  path: '/api/account/ledger',
  summary: 'Every movement of the caller’s balances, newest first',
  tags,
  auth: 'user',
  query: ledgerQuery,
  response: pageOf(ledgerEntrySchema),
  errors: [],
});

export const feeTierRoute = defineRoute({
  method: 'GET',
  path: '/api/account/fee-tier',
  summary: 'The caller’s fee tier and rates, and the schedule of every tier',
  tags,
  auth: 'user',
  response: feeTierSchema,
  errors: [],
});

export const accountTradesRoute = defineRoute({
  method: 'GET',
  path: '/api/account/trades',
  summary: 'The caller’s fills, newest first',
  tags,
  auth: 'user',
  query: accountTradesQuery,
  response: pageOf(accountTradeSchema),
  errors: [],
});

export const depositRoute = defineRoute({
  method: 'POST',
  path: '/api/account/deposit',
  summary:
    'Sandbox faucet: credit the caller (capped per asset per UTC day); 404 unless the stack runs as a sandbox or locally',
  tags,
  auth: 'user',
  body: depositBody,
  response: balanceSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'PERMISSION_DENIED'],
});

export const withdrawRoute = defineRoute({
  method: 'POST',
  path: '/api/account/withdraw',
  summary:
    'Request a withdrawal: funds are locked and the withdrawal waits (PENDING) for an admin; needs mfa_code when two-factor authentication is on',
  tags,
  auth: 'user',
  body: withdrawBody,
  response: withdrawalSchema,
  errors: ['INSUFFICIENT_BALANCE', 'CONFLICT', 'PERMISSION_DENIED'],
});

export const accountContracts = [
  listBalancesRoute,
  getBalanceRoute,
  ledgerRoute,
  feeTierRoute,
  accountTradesRoute,
  depositRoute,
  withdrawRoute,
] as const;
