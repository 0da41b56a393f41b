import { enableTwoFactorRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, throttleDeps, totpSealingDeps } from './deps';
import { enableTwoFactor, type EnableMfaDeps } from './mfa';
import { bearerToken, requestContext } from './request-context';

/** `POST /api/auth/enable-2fa`: the TOTP secret and its `otpauth://` URI. */
export const enableTwoFactorRoute =
  (deps: EnableMfaDeps): Route<typeof contract> =>
  async (request) => {
    const enrolment = await enableTwoFactor(
      deps,
      request.identity,
      bearerToken(request.headers),
      requestContext(request),
    );
    return { data: { secret: enrolment.secret, otpauth_uri: enrolment.otpauthUri } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  enableTwoFactorRoute({
    ...core,
    ...auditDeps(core),
    ...throttleDeps(core),
    ...totpSealingDeps(core),
  }),
  createLogger('users'),
);
