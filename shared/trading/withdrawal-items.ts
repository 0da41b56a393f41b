import { z } from 'zod';
import { storedBigInt } from './numbers';
import { withdrawalStatuses } from './vocabulary';

/**
 * `ACCOUNT#<user>` / `WITHDRAWAL#<id>` (gsi1 `WITHDRAWALS#<status>` / `<iso>#<id>`), with a
 * pointer `WITHDRAWAL#<id>` / `WITHDRAWAL` → `user_id` so admins find it by id alone. The amount
 * is locked while `PENDING`; approval debits it, rejection unlocks it.
 */
export const withdrawalItemSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  asset: z.string(),
  amount: storedBigInt,
  address: z.string(),
  status: z.enum(withdrawalStatuses),
  reason: z.string().nullable().default(null),
  decided_by: z.string().nullable().default(null),
  decided_at: z.string().nullable().default(null),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WithdrawalItem = z.output<typeof withdrawalItemSchema>;

export const withdrawalPointerSchema = z.object({ user_id: z.string() });
