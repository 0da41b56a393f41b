import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { decodeCursor, encodeCursor, TABLE_KEYS } from '../../shared/aws/page-cursor';
import type { TableRef } from './dynamo-support';
import type { ActivityEntry, ActivityLog } from './ports';
import { activitySk, epochSeconds, userPk } from './user-items';

/** Activity is kept 90 days, then DynamoDB's TTL removes it (the audit trail keeps its copy). */
export const ACTIVITY_RETENTION_SECONDS = 90 * 24 * 3600;

const activityItemSchema = z.object({
  activity_id: z.string(),
  type: z.string(),
  result: z.enum(['success', 'failure', 'denied']),
  at: z.string(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** A user's security activity, newest first, in their partition of the Users table. */
export function dynamoActivityLog(ref: TableRef): ActivityLog {
  return {
    async record(userId: string, entry: ActivityEntry) {
      await ref.documents.send(
        new PutCommand({
          TableName: ref.table,
          Item: {
            pk: userPk(userId),
            sk: activitySk(entry.at, entry.id),
            activity_id: entry.id,
            type: entry.type,
            result: entry.result,
            at: entry.at,
            ip: entry.ip,
            user_agent: entry.userAgent,
            details: entry.details,
            expires_at: epochSeconds(entry.at) + ACTIVITY_RETENTION_SECONDS,
          },
        }),
      );
    },

    async list(userId, page) {
      const start = decodeCursor(
        page.cursor,
        TABLE_KEYS,
        { name: 'pk', value: userPk(userId) },
        { name: 'sk', prefix: 'ACTIVITY#' },
      );
      const { Items = [], LastEvaluatedKey } = await ref.documents.send(
        new QueryCommand({
          TableName: ref.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': 'ACTIVITY#' },
          ScanIndexForward: false,
          Limit: page.limit,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      const items = Items.map((item) => {
        const a = activityItemSchema.parse(item);
        return {
          id: a.activity_id,
          type: a.type,
          result: a.result,
          at: a.at,
          ip: a.ip,
          userAgent: a.user_agent,
          details: a.details,
        };
      });
      return { items, nextCursor: encodeCursor(LastEvaluatedKey) };
    },
  };
}
