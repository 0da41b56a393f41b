import { createAwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import { identityFromContext } from '../../shared/http/identity';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { authorize } from '../authorizer/authorize';
import { dynamoSessionState } from '../authorizer/dynamo-session-state';
import { jwtTokenVerifier } from '../authorizer/jwt-token-verifier';
import { sessionFault, sessionGate } from '../authorizer/session-gate';
import { tradingDocuments, tradingDynamoClient } from '../../shared/aws/dynamo-trading-documents';
import { dynamoMarketData } from '../market-data/dynamo-market-data';
import { tickerOf } from '../market-data/reads';
import { managementApiPoster } from './aws-management-poster';
import {
  cognitoIssuer,
  connectConfigSchema,
  heartbeatConfigSchema,
  processorConfigSchema,
  streamsConfigSchema,
} from './config';
import { connectionOf } from './connection-items';
import { dynamoConnections } from './dynamo-connections';
import { dynamoEventLog } from './dynamo-event-log';
import type { FanoutDeps } from './fanout';
import type { SessionCheck, StreamDeps, TokenAuthenticator } from './ports';

/** The logger of every stream function. */
export const streamsLogger: Logger = createLogger('streams');

type StreamsConfig = ReturnType<typeof loadConfig<typeof streamsConfigSchema>>;

function streamSide(config: StreamsConfig): StreamDeps {
  const documents = createAwsClients().documents;
  return {
    connections: dynamoConnections(documents, config.STREAMS_TABLE),
    events: dynamoEventLog(documents, config.STREAMS_TABLE),
    poster: managementApiPoster(config.WS_CALLBACK_URL),
    limits: {
      connectionsPerUser: config.WS_MAX_CONNECTIONS_PER_USER,
      connectionsPerIp: config.WS_MAX_CONNECTIONS_PER_IP,
      subscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS,
    },
    nowMs: Date.now,
  };
}

/** `$default` and `$disconnect`. */
export function buildStreamDeps(): StreamDeps {
  return streamSide(loadConfig(streamsConfigSchema));
}

/**
 * `$connect`: plus the HTTP authorizer's own verification — the same JWKS check and the same
 * session gate (revoked sessions and inactive accounts are refused).
 */
export function buildConnectDeps(): StreamDeps & { auth: TokenAuthenticator } {
  const config = loadConfig(connectConfigSchema);
  const verifier = jwtTokenVerifier({
    issuer: cognitoIssuer(config),
    clientId: config.USER_POOL_CLIENT_ID,
  });
  const gate = sessionGate(dynamoSessionState(createAwsClients().documents, config.USERS_TABLE));
  const auth: TokenAuthenticator = {
    async authenticate(token) {
      const outcome = identityFromContext(await authorize(`Bearer ${token}`, verifier, gate));
      if (!('identity' in outcome) || outcome.identity.sessionId === undefined) return undefined;
      return { userId: outcome.identity.userId, sessionId: outcome.identity.sessionId };
    },
  };
  return { ...streamSide(config), auth };
}

/**
 * The heartbeat: plus the session check that closes connections whose session was revoked or
 * expired, or whose account was deactivated, since `$connect` (the gate's own rule).
 */
export function buildHeartbeatDeps(): StreamDeps & { sessions: SessionCheck } {
  const config = loadConfig(heartbeatConfigSchema);
  const reader = dynamoSessionState(createAwsClients().documents, config.USERS_TABLE);
  const sessions: SessionCheck = {
    async stands(userId, sessionId) {
      const state = await reader.state(userId, sessionId);
      return sessionFault(state, new Date().toISOString()) === undefined;
    },
  };
  return { ...streamSide(config), sessions };
}

/** The stream processor: plus the table names and a ticker reader. */
export function buildProcessorDeps(): FanoutDeps & { tableNames: Record<string, string> } {
  const config = loadConfig(processorConfigSchema);
  const reader = dynamoMarketData(
    tradingDocuments(tradingDynamoClient()),
    config.MARKET_DATA_TABLE,
  );
  return {
    ...streamSide(config),
    ticker: (symbol) => tickerOf({ reader, nowMs: Date.now }, symbol),
    connectionOf,
    tableNames: {
      trading: config.TRADING_TABLE,
      marketData: config.MARKET_DATA_TABLE,
      streams: config.STREAMS_TABLE,
    },
  };
}
