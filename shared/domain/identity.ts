/**
 * Roles and account attributes of the identity context. Roles are Cognito groups: every account
 * is a `trader`; `admin`, `auditor` and `compliance` are granted by an admin.
 */
export const userGroups = ['trader', 'admin', 'auditor', 'compliance'] as const;
export type UserGroup = (typeof userGroups)[number];

/** The group every account holds; it cannot be removed. */
export const baseGroup: UserGroup = 'trader';

/** Know-your-customer review state; `NONE` until the user submits documents. */
export const kycStatuses = ['NONE', 'PENDING', 'APPROVED', 'REJECTED'] as const;
export type KycStatus = (typeof kycStatuses)[number];

/** KYC levels 0 (none) to 3 (full) gate limits; fee tiers 1 (default) to 5 (lowest fees). */
export const KYC_LEVEL_MIN = 0;
export const KYC_LEVEL_MAX = 3;
export const FEE_TIER_MIN = 1;
export const FEE_TIER_MAX = 5;

/** Groups sorted in their canonical order, with the base group always present, no repeats. */
export function normaliseGroups(groups: readonly UserGroup[]): UserGroup[] {
  const wanted = new Set<UserGroup>([baseGroup, ...groups]);
  return userGroups.filter((group) => wanted.has(group));
}

/** Narrows arbitrary strings (token claims) to known groups. */
export function knownGroups(values: readonly string[]): UserGroup[] {
  return userGroups.filter((group) => values.includes(group));
}
