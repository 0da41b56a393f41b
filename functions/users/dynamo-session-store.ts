import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../../shared/aws/dynamo-query-all';
import { queryPage, type PagedQuery } from '../../shared/aws/dynamo-query-page';
import { decodeCursor, encodeCursor, TABLE_KEYS } from '../../shared/aws/page-cursor';
import { isConditionFailure, transact, type TableRef } from './dynamo-support';
import type { IssuedToken, Session, SessionStore } from './ports';
import {
  epochSeconds,
  refreshKey,
  sessionFromItem,
  sessionItem,
  sessionSk,
  tokenSk,
  userPk,
} from './user-items';

const LIVE = 'attribute_not_exists(revoked_at) AND expires_at > :now';

/**
 * The session registry Cognito lacks: sessions per user, the access tokens (`jti`) issued to
 * each, and the hash of each session's refresh token. Only hashes of refresh tokens are kept,
 * so a copy of the table cannot be replayed against the refresh route.
 */
export function dynamoSessionStore(ref: TableRef): SessionStore {
  const tokenItem = (userId: string, sessionId: string, token: IssuedToken) => ({
    pk: userPk(userId),
    sk: tokenSk(token.tokenId),
    session_id: sessionId,
    expires_at: epochSeconds(token.expiresAt),
  });

  /** The user's sessions neither revoked nor expired at `nowIso`, newest first. */
  const liveSessions = (userId: string, nowIso: string): PagedQuery => ({
    TableName: ref.table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: LIVE,
    ExpressionAttributeValues: {
      ':pk': userPk(userId),
      ':prefix': 'SESSION#',
      ':now': epochSeconds(nowIso),
    },
    ScanIndexForward: false,
  });

  return {
    async create(session: Session, token: IssuedToken, refreshTokenHash: string) {
      const outcome = await transact(ref, [
        {
          Put: {
            TableName: ref.table,
            Item: sessionItem(session),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: ref.table, Item: tokenItem(session.userId, session.id, token) } },
        {
          Put: {
            TableName: ref.table,
            Item: {
              ...refreshKey(refreshTokenHash),
              user_id: session.userId,
              session_id: session.id,
              expires_at: epochSeconds(session.expiresAt),
            },
          },
        },
      ]);
      if (!outcome.ok) throw new Error('session id collision');
    },

    async get(userId, sessionId) {
      const { Item } = await ref.documents.send(
        new GetCommand({
          TableName: ref.table,
          Key: { pk: userPk(userId), sk: sessionSk(sessionId) },
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : sessionFromItem(Item);
    },

    async findByRefreshTokenHash(hash) {
      const { Item } = await ref.documents.send(
        new GetCommand({ TableName: ref.table, Key: refreshKey(hash), ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      return { userId: String(Item['user_id']), sessionId: String(Item['session_id']) };
    },

    async addToken(userId, sessionId, token, seenAt) {
      await ref.documents.send(
        new PutCommand({ TableName: ref.table, Item: tokenItem(userId, sessionId, token) }),
      );
      await ref.documents.send(
        new UpdateCommand({
          TableName: ref.table,
          Key: { pk: userPk(userId), sk: sessionSk(sessionId) },
          UpdateExpression: 'SET last_seen_at = :seen',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':seen': seenAt },
        }),
      );
    },

    async revoke(userId, sessionId, at, reason) {
      try {
        await ref.documents.send(
          new UpdateCommand({
            TableName: ref.table,
            Key: { pk: userPk(userId), sk: sessionSk(sessionId) },
            UpdateExpression: 'SET revoked_at = :at, revoked_reason = :reason',
            ConditionExpression: `attribute_exists(pk) AND ${LIVE}`,
            ExpressionAttributeValues: { ':at': at, ':reason': reason, ':now': epochSeconds(at) },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async listLive(userId, now, page) {
      const start = decodeCursor(
        page.cursor,
        TABLE_KEYS,
        { name: 'pk', value: userPk(userId) },
        { name: 'sk', prefix: 'SESSION#' },
      );
      // Revoked and expired sessions stay until their TTL, and the filter drops them after
      // `Limit`: several reads fill a page instead of answering it short or empty.
      const { items, lastKey } = await queryPage(
        ref.documents,
        liveSessions(userId, now),
        page.limit,
        start,
      );
      return { items: items.map(sessionFromItem), nextCursor: encodeCursor(lastKey) };
    },

    async liveIds(userId, now) {
      const items = await queryAll(ref.documents, liveSessions(userId, now));
      return items.map((item) => String(item['session_id']));
    },
  };
}
