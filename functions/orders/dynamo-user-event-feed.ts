import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { USER_EVENTS_OUTBOX_PK, userEventSchema } from '../../shared/contracts/identity-events';
import { cursorKey } from '../../shared/trading/keys';
import type { CursorStore, UserEventFeed } from './ports';

/**
 * Identity's outbox (Users table, `OUTBOX#USER_EVENTS` / `<occurred_at>#<event_id>`), read in
 * key order. `sk > position` is written as `BETWEEN position + " " AND until`: no stored key
 * sorts between a key and that key followed by a space.
 */
export function dynamoUserEventFeed(
  documents: DynamoDBDocumentClient,
  usersTable: string,
): UserEventFeed {
  return {
    async after(position, untilIso, limit) {
      const lower = position === undefined ? '0' : `${position} `;
      if (lower >= untilIso) return [];
      const { Items = [] } = await documents.send(
        new QueryCommand({
          TableName: usersTable,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :until',
          ExpressionAttributeValues: {
            ':pk': USER_EVENTS_OUTBOX_PK,
            ':lower': lower,
            ':until': untilIso,
          },
          ScanIndexForward: true,
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return Items.map((item) => {
        const parsed = userEventSchema.safeParse(item);
        return { position: String(item['sk']), event: parsed.success ? parsed.data : undefined };
      });
    },
  };
}

/** Consumer positions in the Trading table (`SYSTEM` / `CURSOR#<name>`). */
export function dynamoCursorStore(
  documents: DynamoDBDocumentClient,
  tableName: string,
): CursorStore {
  return {
    async get(name) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: cursorKey(name), ConsistentRead: true }),
      );
      const position = Item?.['position'];
      return typeof position === 'string' ? position : undefined;
    },
    async set(name, position) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...cursorKey(name), entity: 'CURSOR', position },
        }),
      );
    },
  };
}
