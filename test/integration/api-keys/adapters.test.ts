import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dynamoApiKeyStore } from '../../../functions/api-keys/dynamo-api-key-store';
import { kmsSecretIssuer } from '../../../functions/api-keys/kms-secret-issuer';
import type { ApiKeyRecord } from '../../../functions/api-keys/ports';
import { dynamoApiKeyDirectory } from '../../../functions/authorizer/dynamo-api-key-directory';
import { dynamoReplayGuard } from '../../../functions/authorizer/dynamo-api-key-usage';
import { kmsSecretOpener } from '../../../functions/authorizer/kms-secret-opener';
import { createAwsClients } from '../../../shared/aws/clients';
import { dynamoRateCounter } from '../../../shared/aws/dynamo-rate-counter';
import { localEnv } from '../../support/local-stack';

const clients = createAwsClients();
const env = () => localEnv();

const recordFor = (userId: string): ApiKeyRecord => ({
  id: randomUUID(),
  userId,
  apiKey: `ak_${randomUUID().replace(/-/g, '')}`,
  label: 'bot',
  scopes: ['read', 'trade'],
  ipAllowlist: [],
  createdAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
});

describe('API-key secrets on the local KMS', () => {
  it('opens a secret under its own context and as the hex text the client holds', async () => {
    const issuer = kmsSecretIssuer(clients.kms, env()['API_KEYS_KEY_ID']!);
    const opener = kmsSecretOpener(clients.kms, env()['API_KEYS_KEY_ID']!);
    const { secret, sealed } = await issuer.issue('user-a', 'key-a');

    const opened = await opener.open({
      user_id: 'user-a',
      key_id: 'key-a',
      scopes: ['read'],
      ip_allowlist: [],
      key_expires_at: '2099-01-01T00:00:00.000Z',
      kms_key_id: sealed.kmsKeyId,
      encrypted_secret: new Uint8Array(sealed.encryptedSecret),
    });

    expect(opened.toString('utf8')).toBe(secret);
  });

  it('rejects a wrong encryption context: a secret copied to another key does not open', async () => {
    const issuer = kmsSecretIssuer(clients.kms, env()['API_KEYS_KEY_ID']!);
    const opener = kmsSecretOpener(clients.kms, env()['API_KEYS_KEY_ID']!);
    const { sealed } = await issuer.issue('user-a', 'key-a');

    await expect(
      opener.open({
        user_id: 'user-b',
        key_id: 'key-b',
        scopes: ['read'],
        ip_allowlist: [],
        key_expires_at: '2099-01-01T00:00:00.000Z',
        kms_key_id: sealed.kmsKeyId,
        encrypted_secret: new Uint8Array(sealed.encryptedSecret),
      }),
    ).rejects.toThrow();
  });
});

describe('API keys in DynamoDB Local', () => {
  it('stores the lookup for the authorizer and never the secret in clear', async () => {
    const store = dynamoApiKeyStore(clients.documents, env()['USERS_TABLE']!);
    const directory = dynamoApiKeyDirectory(clients.documents, env()['USERS_TABLE']!);
    const issuer = kmsSecretIssuer(clients.kms, env()['API_KEYS_KEY_ID']!);
    const record = recordFor(randomUUID());
    const { secret, sealed } = await issuer.issue(record.userId, record.id);

    await store.create(record, sealed, 10);
    const found = await directory.find(record.apiKey);
    const { Items } = await clients.documents.send(
      new ScanCommand({ TableName: env()['USERS_TABLE']! }),
    );

    expect(found).toMatchObject({ user_id: record.userId, key_id: record.id });
    expect(JSON.stringify(Items)).not.toContain(secret);
  });

  it('refuses a key beyond the per-user maximum and forgets a deleted one', async () => {
    const store = dynamoApiKeyStore(clients.documents, env()['USERS_TABLE']!);
    const directory = dynamoApiKeyDirectory(clients.documents, env()['USERS_TABLE']!);
    const userId = randomUUID();
    const sealed = { kmsKeyId: 'k', encryptedSecret: new Uint8Array([1]) };
    const first = recordFor(userId);
    await store.create(first, sealed, 1);

    await expect(store.create(recordFor(userId), sealed, 1)).rejects.toThrow(/At most 1/);
    await store.delete(userId, first.id);

    expect(await directory.find(first.apiKey)).toBeUndefined();
    expect(await store.list(userId)).toEqual([]);
  });
});

describe('the RateLimits table', () => {
  it('accepts a signature once, even when the same request races itself', async () => {
    const guard = dynamoReplayGuard(clients.documents, env()['RATE_LIMITS_TABLE']!);
    const signature = randomUUID();

    const claims = await Promise.all(
      Array.from({ length: 10 }, () => guard.claim('key-1', signature, 4_000_000_000)),
    );

    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('counts 100 concurrent requests to exactly 100 distinct numbers', async () => {
    const counter = dynamoRateCounter(clients.documents, env()['RATE_LIMITS_TABLE']!);
    const key = `RL#test#${randomUUID()}`;

    const counts = await Promise.all(
      Array.from({ length: 100 }, () => counter.increment(key, 4_000_000_000)),
    );

    expect(new Set(counts).size).toBe(100);
    expect(Math.max(...counts)).toBe(100);
  });
});
