import { disableTwoFactorRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, stepUpDeps, throttleDeps, totpEnrolmentDeps } from './deps';
import { disableTwoFactor, type DisableMfaDeps } from './mfa';
import { bearerToken, requestContext } from './request-context';

/** `POST /api/auth/disable-2fa`: password and a current code turn TOTP off. */
export const disableTwoFactorRoute =
  (deps: DisableMfaDeps): Route<typeof contract> =>
  async (request) => {
    await disableTwoFactor(
      deps,
      request.identity,
      { accessToken: bearerToken(request.headers), ...request.body },
      requestContext(request),
    );
    return { data: { mfa_enabled: false } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  disableTwoFactorRoute({
    ...core,
    ...auditDeps(core),
    ...throttleDeps(core),
    ...totpEnrolmentDeps(core),
    ...stepUpDeps(core),
  }),
  createLogger('users'),
);
