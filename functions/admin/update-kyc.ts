import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import type { Identity } from '../../shared/http/identity';
import type { KycPatch, UserProfile, UserRepository } from '../users/ports';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from '../users/security-events';

export interface KycDeps extends SecurityEventDeps {
  readonly users: UserRepository;
}

/** Sets KYC status, level and fee tier; the audit keeps before and after with the reason. */
export async function updateUserKyc(
  deps: KycDeps,
  officer: Identity,
  userId: string,
  input: KycPatch & { reason: string },
  context: RequestContext,
): Promise<UserProfile> {
  const profile = await deps.users.get(userId);
  if (profile === undefined) throw new NotFoundError('No such user');
  if (profile.status === 'CLOSED') throw new ConflictError('The account is closed');
  const { reason, ...patch } = input;
  const updated = await deps.users.updateKyc(profile, patch, deps.clock.now().toISOString());
  await recordSecurityEvent(deps, {
    userId,
    type: 'kyc.changed',
    result: 'success',
    context,
    actor: { type: 'admin', id: officer.userId },
    details: {
      reason,
      before: {
        kyc_status: profile.kycStatus,
        kyc_level: profile.kycLevel,
        fee_tier: profile.feeTier,
      },
      after: {
        kyc_status: updated.kycStatus,
        kyc_level: updated.kycLevel,
        fee_tier: updated.feeTier,
      },
    },
  });
  return updated;
}
