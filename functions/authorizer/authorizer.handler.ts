import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { createAwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import type { AuthorizerContext } from '../../shared/http/identity';
import { authorize } from './authorize';
import { authorizerConfigSchema, issuerOf } from './config';
import { dynamoSessionState } from './dynamo-session-state';
import { jwtTokenVerifier } from './jwt-token-verifier';
import { sessionGate } from './session-gate';

const config = loadConfig(authorizerConfigSchema);
const verifier = jwtTokenVerifier({
  issuer: issuerOf(config),
  clientId: config.USER_POOL_CLIENT_ID,
});
const gate = sessionGate(dynamoSessionState(createAwsClients().documents, config.USERS_TABLE));

/** HTTP API Lambda REQUEST authorizer (payload 2.0, simple responses). */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> {
  const context = await authorize(event.headers?.['authorization'], verifier, gate);
  return { isAuthorized: true, context };
}
