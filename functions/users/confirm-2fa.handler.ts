import { confirmTwoFactorRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, throttleDeps, totpEnrolmentDeps } from './deps';
import { confirmTwoFactor, type MfaDeps } from './mfa';
import { bearerToken, requestContext } from './request-context';

/** `POST /api/auth/confirm-2fa`: a code from the app turns TOTP on. */
export const confirmTwoFactorRoute =
  (deps: MfaDeps): Route<typeof contract> =>
  async (request) => {
    await confirmTwoFactor(
      deps,
      request.identity,
      { accessToken: bearerToken(request.headers), code: request.body.code },
      requestContext(request),
    );
    return { data: { mfa_enabled: true } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  confirmTwoFactorRoute({
    ...core,
    ...auditDeps(core),
    ...throttleDeps(core),
    ...totpEnrolmentDeps(core),
  }),
  createLogger('users'),
);
