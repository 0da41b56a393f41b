import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../shared/domain/errors';
import { ConcurrentChangeError, DuplicateExchangeKeyError, ExchangeKeyLimitError } from './errors';
import type { ExchangeKeyPage, ExchangeKeyRepository } from './ports';
import {
  claimKey,
  counterKey,
  credentialKey,
  fromItem,
  KEY_PREFIX,
  mutableAttributesOf,
  toItem,
  userPk,
} from './vault-items';

const failedAt = (error: TransactionCanceledException): number[] =>
  (error.CancellationReasons ?? []).flatMap((reason, index) =>
    reason.Code === 'ConditionalCheckFailed' ? [index] : [],
  );

/** Another transaction wrote one of the items at the same moment: the caller may retry. */
const lostRace = (error: TransactionCanceledException): boolean =>
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');

const CURSOR = /^KEY#[0-9a-f-]{36}$/;

function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!CURSOR.test(sk)) {
    throw new ValidationError([{ field: 'cursor', in: 'query', message: 'Invalid cursor' }]);
  }
  return sk;
}

/**
 * The vault's items in the Vault table (layout in `vault-items.ts`). Each user's credentials,
 * fingerprint claims and key counter share the partition `USER#<id>`, so every read is keyed by
 * the owner and each create, replace and delete is one transaction keeping the three consistent.
 */
export function dynamoExchangeKeyRepository(
  documents: DynamoDBDocumentClient,
  tableName: string,
): ExchangeKeyRepository {
  return {
    async create(record, maxPerUser) {
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: toItem(record),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...claimKey(record.userId, record.fingerprint), key_id: record.id },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: counterKey(record.userId),
                  UpdateExpression: 'SET key_count = if_not_exists(key_count, :zero) + :one',
                  ConditionExpression: 'attribute_not_exists(key_count) OR key_count < :max',
                  ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': maxPerUser },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const failed = failedAt(error);
        if (failed.includes(1)) throw new DuplicateExchangeKeyError();
        if (failed.includes(2)) throw new ExchangeKeyLimitError(maxPerUser);
        if (lostRace(error)) throw new ConcurrentChangeError();
        throw error;
      }
    },

    async get(userId, id) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: credentialKey(userId, id),
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : fromItem(Item);
    },

    async list(userId, limit, cursor): Promise<ExchangeKeyPage> {
      const { Items = [], LastEvaluatedKey } = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': KEY_PREFIX },
          // One more than asked: DynamoDB answers a last key whenever it stops at `Limit`, so
          // only a further item (or a stop short of it, at 1 MB) says a next page exists.
          Limit: limit + 1,
          ...(cursor === undefined
            ? {}
            : { ExclusiveStartKey: { pk: userPk(userId), sk: decodeCursor(cursor) } }),
        }),
      );
      const page = Items.slice(0, limit);
      const more = Items.length > limit || LastEvaluatedKey !== undefined;
      const lastSk = page.at(-1)?.['sk'];
      return {
        items: page.map(fromItem),
        nextCursor:
          more && typeof lastSk === 'string'
            ? Buffer.from(lastSk, 'utf8').toString('base64url')
            : null,
      };
    },

    async replace(previous, next) {
      const update = {
        TableName: tableName,
        Key: credentialKey(previous.userId, previous.id),
        ...mutableAttributesOf(next),
        ConditionExpression: 'attribute_exists(pk) AND revision = :previous',
      };
      update.ExpressionAttributeValues[':previous'] = previous.revision;
      const moved = previous.fingerprint !== next.fingerprint;
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: update },
              ...(moved
                ? [
                    {
                      Delete: {
                        TableName: tableName,
                        Key: claimKey(previous.userId, previous.fingerprint),
                      },
                    },
                    {
                      Put: {
                        TableName: tableName,
                        Item: { ...claimKey(next.userId, next.fingerprint), key_id: next.id },
                        ConditionExpression: 'attribute_not_exists(pk)',
                      },
                    },
                  ]
                : []),
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const failed = failedAt(error);
        if (failed.includes(0)) throw new ConcurrentChangeError();
        if (failed.includes(2)) throw new DuplicateExchangeKeyError();
        if (lostRace(error)) throw new ConcurrentChangeError();
        throw error;
      }
    },

    async delete(record) {
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: tableName,
                  Key: credentialKey(record.userId, record.id),
                  ConditionExpression: 'attribute_exists(pk) AND revision = :revision',
                  ExpressionAttributeValues: { ':revision': record.revision },
                },
              },
              {
                Delete: { TableName: tableName, Key: claimKey(record.userId, record.fingerprint) },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: counterKey(record.userId),
                  UpdateExpression: 'ADD key_count :minus',
                  ConditionExpression: 'key_count > :zero',
                  ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) throw new ConcurrentChangeError();
        throw error;
      }
    },

    async markUsed(userId, id, at) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: credentialKey(userId, id),
            UpdateExpression: 'SET last_used_at = :at',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(last_used_at) OR last_used_at < :at)',
            ExpressionAttributeValues: { ':at': at },
          }),
        );
      } catch (error) {
        // A newer stamp, or a rotation's transaction on the item at this moment: the signature
        // stands either way.
        const benign =
          error instanceof ConditionalCheckFailedException ||
          error instanceof TransactionConflictException;
        if (!benign) throw error;
      }
    },
  };
}
