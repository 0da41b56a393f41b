import {
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoExchangeKeyRepository } from '../../../functions/keys/dynamo-exchange-key-repository';
import { createExchangeKey } from '../../../functions/keys/create-exchange-key';
import type { ExchangeKeyRecord } from '../../../functions/keys/ports';
import { ConflictError } from '../../../shared/domain/errors';
import { binanceCredentials, callerFor } from './support/credentials';
import { fakeVault } from './support/fakes';

/**
 * What DynamoDB answers a transaction that lost to a concurrent one on the same item: two
 * creates of one user both update `USER#<id> / KEYCOUNT`; a rotate races another write of the
 * key item. No condition failed, so nothing is wrong with the request: it is to be retried.
 */
const conflictAt = (position: number, size: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: Array.from({ length: size }, (_, i) => ({
      Code: i === position ? 'TransactionConflict' : 'None',
    })),
  });

const throwing = (error: Error) =>
  ({
    send: async () => {
      throw error;
    },
  }) as unknown as DynamoDBDocumentClient;

async function storedRecord(): Promise<ExchangeKeyRecord> {
  const vault = fakeVault();
  return createExchangeKey(vault, callerFor('alice'), {
    exchange: 'binance',
    label: 'main',
    testnet: false,
    permissions: ['read'],
    ...binanceCredentials(),
  });
}

describe('the vault repository under a lost transaction race', () => {
  it('answers CONFLICT, not an internal error, when a create loses the key counter to another', async () => {
    const record = await storedRecord();
    const repository = dynamoExchangeKeyRepository(throwing(conflictAt(2, 3)), 'vault');

    await expect(repository.create(record, 20)).rejects.toThrow(ConflictError);
  });

  it('answers CONFLICT, not an internal error, when a rotation loses the key item to another write', async () => {
    const record = await storedRecord();
    const repository = dynamoExchangeKeyRepository(throwing(conflictAt(0, 1)), 'vault');

    await expect(
      repository.replace(record, { ...record, label: 'renamed', revision: record.revision + 1 }),
    ).rejects.toThrow(ConflictError);
  });

  it('keeps a signature whose last_used_at stamp races a rotation of the same key', async () => {
    const record = await storedRecord();
    const conflict = new TransactionConflictException({
      message: 'Transaction is ongoing for the item',
      $metadata: { httpStatusCode: 400 },
    });
    const repository = dynamoExchangeKeyRepository(throwing(conflict), 'vault');

    await expect(
      repository.markUsed(record.userId, record.id, '2026-01-05T10:00:01.000Z'),
    ).resolves.toBeUndefined();
  });
});
