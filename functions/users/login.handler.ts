import { loginRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, throttleDeps } from './deps';
import { login } from './login';
import type { SessionDeps } from './open-session';
import { requestContext } from './request-context';
import { tokensView } from './views';

/** `POST /api/auth/login`: tokens and a session, or the TOTP challenge. */
export const loginRoute =
  (deps: SessionDeps): Route<typeof contract> =>
  async (request) => {
    const outcome = await login(deps, request.body, requestContext(request));
    if (outcome.kind === 'signed_in') return { data: tokensView(outcome.session) };
    return {
      data: {
        mfa_required: true,
        challenge: 'SOFTWARE_TOKEN_MFA',
        session: outcome.challengeSession,
      },
    };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  loginRoute({ ...core, ...auditDeps(core), ...throttleDeps(core) }),
  createLogger('users'),
);
