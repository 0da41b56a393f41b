import { setUserKycRoute as contract } from '../../shared/contracts/identity-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore } from '../users/deps';
import { requestContext } from '../users/request-context';
import { userView } from '../users/views';
import { updateUserKyc, type KycDeps } from './update-kyc';

/** `PUT /api/admin/users/{id}/kyc`: KYC status, level and fee tier. */
export const setUserKycRoute =
  (deps: KycDeps): Route<typeof contract> =>
  async (request) => {
    const { kyc_status, kyc_level, fee_tier, reason } = request.body;
    const profile = await updateUserKyc(
      deps,
      request.identity,
      request.params.id,
      {
        ...(kyc_status === undefined ? {} : { kycStatus: kyc_status }),
        ...(kyc_level === undefined ? {} : { kycLevel: kyc_level }),
        ...(fee_tier === undefined ? {} : { feeTier: fee_tier }),
        reason,
      },
      requestContext(request),
    );
    return { data: userView(profile) };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  setUserKycRoute({ ...core, ...auditDeps(core) }),
  createLogger('admin'),
);
