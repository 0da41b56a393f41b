import type { ConnectionRecord, StreamDeps, TokenAuthenticator } from './ports';

/** API Gateway closes a WebSocket after 2 h; the records outlive it by a margin. */
export const CONNECTION_TTL_SECONDS = 2 * 3600 + 600;

export interface ConnectRequest {
  readonly connectionId: string;
  readonly ip: string;
  /** `?token=` of the connect URL, when given. */
  readonly token: string | undefined;
}

/**
 * `$connect`: authenticates the optional token and takes a slot under the per-user and
 * per-address connection limits (atomically, see `ConnectionStore.open`). It always accepts the
 * upgrade: API Gateway cannot deliver a message during `$connect`, so a refused connection is
 * recorded as `rejected`, and the stream processor sends the error event and closes it as soon
 * as the record appears (see `fanout.ts`).
 */
export async function connect(
  deps: Pick<StreamDeps, 'connections' | 'limits' | 'nowMs'> & { auth: TokenAuthenticator },
  request: ConnectRequest,
): Promise<ConnectionRecord> {
  const now = deps.nowMs();
  let userId: string | null = null;
  let sessionId: string | null = null;
  let rejected: ConnectionRecord['rejected'] = null;
  if (request.token !== undefined && request.token !== '') {
    const verified = await deps.auth.authenticate(request.token).catch(() => undefined);
    if (verified === undefined) rejected = 'AUTHENTICATION_FAILED';
    else ({ userId, sessionId } = verified);
  }
  const record: ConnectionRecord = {
    connectionId: request.connectionId,
    userId,
    sessionId: rejected === null ? sessionId : null,
    ip: request.ip,
    connectedAt: new Date(now).toISOString(),
    rejected,
  };
  const expiresAt = Math.floor(now / 1000) + CONNECTION_TTL_SECONDS;
  const limits = {
    perUser: deps.limits.connectionsPerUser,
    perIp: deps.limits.connectionsPerIp,
  };
  if ((await deps.connections.open(record, expiresAt, limits)) === 'opened') return record;
  const refused: ConnectionRecord = { ...record, sessionId: null, rejected: 'CONNECTION_LIMIT' };
  await deps.connections.open(refused, expiresAt, limits);
  return refused;
}

/** The messages that explain a refused connection before it is closed. */
export const rejectionMessage = (record: ConnectionRecord) => ({
  event: 'error',
  code: record.rejected,
  message:
    record.rejected === 'AUTHENTICATION_FAILED'
      ? 'The access token is invalid or expired'
      : 'Too many open connections for this user or address',
});

/** The first message of an accepted connection. */
export const welcomeMessage = (record: ConnectionRecord, limits: StreamDeps['limits']) => ({
  event: 'connected',
  connection_id: record.connectionId,
  authenticated: record.userId !== null,
  max_subscriptions: limits.subscriptionsPerConnection,
});
