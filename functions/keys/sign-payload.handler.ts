import { signPayloadRoute as contract } from '../../shared/contracts/vault';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { buildSigningDeps } from './deps';
import { signPayload, type SignPayloadDeps } from './sign-payload';

/**
 * `POST /api/exchange-keys/{id}/sign`: the signature, with the key's budget in
 * `X-RateLimit-Limit`, `-Remaining` and `-Reset` (seconds until the window ends).
 */
export const signPayloadRoute =
  (deps: SignPayloadDeps): Route<typeof contract> =>
  async (request) => {
    const { signature, rate } = await signPayload(
      deps,
      callerOf(request),
      request.params.id,
      request.body.payload,
    );
    return {
      data: { signature },
      headers: {
        'x-ratelimit-limit': String(rate.limit),
        'x-ratelimit-remaining': String(rate.remaining),
        'x-ratelimit-reset': String(rate.resetSeconds),
      },
    };
  };

const { ports, logger } = buildSigningDeps();
export const handler = apiHandler(contract, signPayloadRoute(ports), logger);
