import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { TotpEnrolment, TotpEnrolmentStore } from '../identity/totp-enrolments';

/**
 * The TOTP enrolment item in the Users table, in the user's own partition beside the profile:
 * `USER#<sub>` / `TOTP`. It holds the sealed secret (binary attributes, never logged), its
 * status, and the step-up replay guard and failure count.
 */
const keyOf = (userId: string) => ({ pk: `USER#${userId}`, sk: 'TOTP' });

const bytes = z.instanceof(Uint8Array);

const itemSchema = z.object({
  status: z.enum(['PENDING', 'ACTIVE']),
  format_version: z.number().int(),
  kms_key_id: z.string(),
  encrypted_data_key: bytes,
  iv: bytes,
  tag: bytes,
  ciphertext: bytes,
  last_step: z.number().int().optional(),
  failed_attempts: z.number().int().optional(),
  last_failure_ms: z.number().int().optional(),
});

const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/** Runs a conditional write; false when its condition did not hold. */
async function conditional(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** See {@link TotpEnrolmentStore}. Reads are strongly consistent: a replay must see the claim. */
export function dynamoTotpEnrolments(
  documents: DynamoDBDocumentClient,
  usersTable: string,
): TotpEnrolmentStore {
  return {
    async get(userId) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: usersTable, Key: keyOf(userId), ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      const item = itemSchema.parse(Item);
      const enrolment: TotpEnrolment = {
        status: item.status,
        sealed: {
          formatVersion: item.format_version,
          kmsKeyId: item.kms_key_id,
          encryptedDataKey: item.encrypted_data_key,
          iv: item.iv,
          tag: item.tag,
          ciphertext: item.ciphertext,
        },
        lastAcceptedStep: item.last_step ?? null,
        failedAttempts: item.failed_attempts ?? 0,
        lastFailureMs: item.last_failure_ms ?? null,
      };
      return enrolment;
    },

    async savePending(userId, sealed, at) {
      await documents.send(
        new PutCommand({
          TableName: usersTable,
          Item: {
            ...keyOf(userId),
            status: 'PENDING',
            format_version: sealed.formatVersion,
            kms_key_id: sealed.kmsKeyId,
            encrypted_data_key: sealed.encryptedDataKey,
            iv: sealed.iv,
            tag: sealed.tag,
            ciphertext: sealed.ciphertext,
            created_at: at,
          },
        }),
      );
    },

    activate(userId, at) {
      return conditional(() =>
        documents.send(
          new UpdateCommand({
            TableName: usersTable,
            Key: keyOf(userId),
            UpdateExpression: 'SET #status = :active, activated_at = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'ACTIVE', ':at': at },
          }),
        ),
      );
    },

    async remove(userId) {
      await documents.send(new DeleteCommand({ TableName: usersTable, Key: keyOf(userId) }));
    },

    claimStep(userId, step) {
      return conditional(() =>
        documents.send(
          new UpdateCommand({
            TableName: usersTable,
            Key: keyOf(userId),
            UpdateExpression: 'SET last_step = :step REMOVE failed_attempts, last_failure_ms',
            ConditionExpression:
              '#status = :active AND (attribute_not_exists(last_step) OR last_step < :step)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'ACTIVE', ':step': step },
          }),
        ),
      );
    },

    async reserveAttempt(userId, atMs, max, lockStartMs) {
      const count = (update: string, condition: string, values: Record<string, number>) =>
        conditional(() =>
          documents.send(
            new UpdateCommand({
              TableName: usersTable,
              Key: keyOf(userId),
              UpdateExpression: `${update}, last_failure_ms = :at`,
              ConditionExpression: `#status = :active AND (${condition})`,
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':active': 'ACTIVE', ':at': atMs, ...values },
            }),
          ),
        );
      return (
        (await count(
          'SET failed_attempts = :one',
          'attribute_not_exists(last_failure_ms) OR last_failure_ms <= :start',
          { ':one': 1, ':start': lockStartMs },
        )) ||
        count('SET failed_attempts = failed_attempts + :one', 'failed_attempts < :max', {
          ':one': 1,
          ':max': max,
        })
      );
    },
  };
}
