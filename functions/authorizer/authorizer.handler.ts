import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { createAwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import type { AuthorizerContext } from '../../shared/http/identity';
import { createLogger } from '../../shared/logging/logger';
import { routes, type RouteBinding } from '../../infra/definitions/routes';
import { authorizeRequest, type AuthorizerDeps } from './authorize-request';
import { authorizerConfigSchema, issuerOf } from './config';
import { dynamoApiKeyDirectory } from './dynamo-api-key-directory';
import { dynamoReplayGuard, dynamoUsageRecorder } from './dynamo-api-key-usage';
import { dynamoSessionState } from './dynamo-session-state';
import { jwtTokenVerifier } from './jwt-token-verifier';
import { kmsSecretOpener } from './kms-secret-opener';
import { sessionGate } from './session-gate';

const config = loadConfig(authorizerConfigSchema);
const logger = createLogger('authorizer');
const clients = createAwsClients();
const deps: AuthorizerDeps = {
  verifier: jwtTokenVerifier({ issuer: issuerOf(config), clientId: config.USER_POOL_CLIENT_ID }),
  gate: sessionGate(dynamoSessionState(clients.documents, config.USERS_TABLE)),
  apiKeys: {
    alarm: {
      raise: (event, attributes) => logger.error('security event', { event, ...attributes }),
    },
    directory: dynamoApiKeyDirectory(clients.documents, config.USERS_TABLE),
    secrets: kmsSecretOpener(clients.kms, config.API_KEYS_KEY_ID),
    replay: dynamoReplayGuard(clients.documents, config.RATE_LIMITS_TABLE),
    usage: dynamoUsageRecorder(clients.documents, config.RATE_LIMITS_TABLE),
    nowMs: Date.now,
  },
};

/** The scope each route declares for API-key callers, by route key (`GET /api/orders`). */
const scopes = new Map<string, RouteBinding['scope']>(
  routes.map((r) => [`${r.method} ${r.path}`, r.scope]),
);

/** HTTP API Lambda REQUEST authorizer (payload 2.0, simple responses). */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> {
  const context = await authorizeRequest(deps, {
    headers: event.headers ?? {},
    method: event.requestContext.http.method,
    path: event.rawPath,
    rawQuery: event.rawQueryString ?? '',
    sourceIp: event.requestContext.http.sourceIp,
    requiredScope: scopes.get(event.routeKey),
  });
  return { isAuthorized: true, context };
}
