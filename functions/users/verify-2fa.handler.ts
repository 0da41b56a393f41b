import { verifyTwoFactorRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, throttleDeps, totpEnrolmentDeps } from './deps';
import { verifyTwoFactor, type TwoFactorSignInDeps } from './login';
import { requestContext } from './request-context';
import { tokensView } from './views';

/** `POST /api/auth/verify-2fa`: the TOTP code completes a challenged sign-in. */
export const verifyTwoFactorRoute =
  (deps: TwoFactorSignInDeps): Route<typeof contract> =>
  async (request) => ({
    data: tokensView(await verifyTwoFactor(deps, request.body, requestContext(request))),
  });

const core = identityCore();
export const handler = apiHandler(
  contract,
  verifyTwoFactorRoute({
    ...core,
    ...auditDeps(core),
    ...throttleDeps(core),
    ...totpEnrolmentDeps(core),
  }),
  createLogger('users'),
);
