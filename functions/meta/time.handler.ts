import { serverTimeRoute as contract } from '../../shared/contracts/api-keys';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';

/** `GET /api/time`: the server clock, so API-key clients can sign within the receive window. */
export const serverTimeRoute =
  (now: () => Date): Route<typeof contract> =>
  async () => {
    const at = now();
    return { data: { server_time: at.getTime(), iso: at.toISOString() } };
  };

export const handler = apiHandler(
  contract,
  serverTimeRoute(() => new Date()),
  createLogger('meta'),
);
