import { baseGroup, knownGroups, normaliseGroups } from '../../shared/domain/identity';
import type { UserProfile } from './ports';

/** A profile as confirmation (or a first sign-in of a pre-provisioned account) creates it. */
export function newProfile(input: {
  userId: string;
  email: string;
  username: string | null;
  groups: readonly string[];
  at: string;
}): UserProfile {
  return {
    userId: input.userId,
    email: input.email,
    username: input.username,
    status: 'ACTIVE',
    kycStatus: 'NONE',
    kycLevel: 0,
    feeTier: 1,
    mfaEnabled: false,
    groups: normaliseGroups(knownGroups([baseGroup, ...input.groups])),
    createdAt: input.at,
    updatedAt: input.at,
    lastLoginAt: null,
  };
}
