import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { PROFILE_SK, sessionSk, tokenItemSchema, tokenSk, userPk } from '../users/user-items';
import type { SessionState, SessionStateReader } from './ports';

const sessionPart = z.object({
  session_expires_at: z.string(),
  revoked_at: z.string().optional(),
});
const accountPart = z.object({
  status: z.string(),
  groups: z.array(z.string()),
  fee_tier: z.number().int().optional(),
});

const accountOf = (item: z.infer<typeof accountPart>) => ({
  status: item.status,
  groups: item.groups,
  ...(item.fee_tier === undefined ? {} : { feeTier: item.fee_tier }),
});

/**
 * The authorizer's read-only view of the Users table (items written by `functions/users/`):
 * strongly consistent reads, so a revocation written a moment ago is seen.
 */
export function dynamoSessionState(
  documents: DynamoDBDocumentClient,
  table: string,
): SessionStateReader {
  return {
    async tokenSession(userId, tokenId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: table,
          Key: { pk: userPk(userId), sk: tokenSk(tokenId) },
          ConsistentRead: true,
        }),
      );
      if (Item === undefined) return undefined;
      const token = tokenItemSchema.parse(Item);
      return { sessionId: token.session_id, expiresAtMs: token.expires_at * 1000 };
    },

    async state(userId, sessionId): Promise<SessionState> {
      const { Responses, UnprocessedKeys } = await documents.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: [
                { pk: userPk(userId), sk: sessionSk(sessionId) },
                { pk: userPk(userId), sk: PROFILE_SK },
              ],
              ConsistentRead: true,
            },
          },
        }),
      );
      if ((UnprocessedKeys?.[table]?.Keys?.length ?? 0) > 0) {
        throw new Error('session state read was throttled');
      }
      const items = Responses?.[table] ?? [];
      const sessionItem = items.find((item) => item['sk'] === sessionSk(sessionId));
      const profileItem = items.find((item) => item['sk'] === PROFILE_SK);
      const session = sessionItem === undefined ? undefined : sessionPart.parse(sessionItem);
      return {
        session:
          session === undefined
            ? undefined
            : { revokedAt: session.revoked_at ?? null, expiresAt: session.session_expires_at },
        account: profileItem === undefined ? undefined : accountOf(accountPart.parse(profileItem)),
      };
    },
  };
}
