import { listSessionsRoute as contract } from '../../shared/contracts/identity-users';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { identityCore } from './deps';
import { listSessions, type SessionsDeps } from './sessions';
import { pageView, sessionView } from './views';

/** `GET /api/users/me/sessions`: the caller's live sessions, `current` marked. */
export const listSessionsRoute =
  (deps: Pick<SessionsDeps, 'sessions' | 'clock'>): Route<typeof contract> =>
  async (request) => {
    const page = await listSessions(deps, request.identity, request.query);
    const current = request.identity.sessionId;
    return { data: pageView(page, (session) => sessionView(session, current)) };
  };

export const handler = apiHandler(
  contract,
  listSessionsRoute(identityCore()),
  createLogger('users'),
);
