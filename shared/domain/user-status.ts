/**
 * The account status lifecycle: `PENDING_VERIFICATION → ACTIVE ⇄ SUSPENDED → CLOSED`.
 * `PENDING_VERIFICATION` is the state of a sign-up whose email is not yet confirmed (no profile
 * exists yet); confirmation makes it `ACTIVE`. Only `ACTIVE` accounts may sign in or hold a
 * live session; `CLOSED` is terminal.
 */
export const userStatuses = ['PENDING_VERIFICATION', 'ACTIVE', 'SUSPENDED', 'CLOSED'] as const;
export type UserStatus = (typeof userStatuses)[number];

/** The statuses an admin or compliance officer may set (confirmation alone makes `ACTIVE`). */
export const adminSettableStatuses = ['ACTIVE', 'SUSPENDED', 'CLOSED'] as const;
export type AdminSettableStatus = (typeof adminSettableStatuses)[number];

const allowed: Readonly<Record<UserStatus, readonly UserStatus[]>> = {
  PENDING_VERIFICATION: ['ACTIVE'],
  ACTIVE: ['SUSPENDED', 'CLOSED'],
  SUSPENDED: ['ACTIVE', 'CLOSED'],
  CLOSED: [],
};

/** Whether the lifecycle allows moving from `from` to `to` (a no-op is not a transition). */
export function canTransition(from: UserStatus, to: UserStatus): boolean {
  return allowed[from].includes(to);
}

/** Only an active account may authenticate; every other status refuses its tokens at once. */
export function mayAuthenticate(status: UserStatus): boolean {
  return status === 'ACTIVE';
}

/** One recorded change of status: who moved the account, from what, to what, and why. */
export interface StatusChange {
  readonly userId: string;
  readonly from: UserStatus;
  readonly to: UserStatus;
  readonly reason: string;
  /** The acting user's id, or `system` for automatic changes (confirmation). */
  readonly actor: string;
  /** ISO-8601 UTC. */
  readonly at: string;
}
