import {
  QueryCommand as RawQueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createExchangeKey } from '../../../functions/keys/create-exchange-key';
import { deleteExchangeKey } from '../../../functions/keys/delete-exchange-key';
import { VaultIntegrityError } from '../../../functions/keys/errors';
import { rotateExchangeKey } from '../../../functions/keys/rotate-exchange-key';
import { signPayload } from '../../../functions/keys/sign-payload';
import type { Caller } from '../../../functions/keys/ports';
import { ConflictError, ValidationError } from '../../../shared/domain/errors';
import { binanceCredentials } from '../../unit/vault/support/credentials';
import { clients, localVault, newCaller, vaultTable } from './support';

const vault = localVault();

async function store(caller: Caller, credentials = binanceCredentials()) {
  const record = await createExchangeKey(vault, caller, {
    exchange: 'binance',
    label: 'integration',
    testnet: true,
    permissions: ['read', 'trade'],
    ...credentials,
  });
  return { record, credentials };
}

/** Every encoding a careless writer might have used for a secret. */
const encodings = (secret: string): string[] => [
  secret,
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('hex'),
];

const rawItems = async (userId: string) =>
  (
    await clients.dynamodb.send(
      new RawQueryCommand({
        TableName: vaultTable(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `USER#${userId}` } },
      }),
    )
  ).Items ?? [];

describe('the vault on DynamoDB Local and the local KMS', () => {
  it('round-trips: the stored secret signs as a reference HMAC does', async () => {
    const caller = newCaller();
    const { record, credentials } = await store(caller);

    const { signature } = await signPayload(vault, caller, record.id, 'symbol=ETHUSDT&timestamp=9');

    expect(signature).toBe(
      createHmac('sha256', credentials.api_secret)
        .update('symbol=ETHUSDT&timestamp=9')
        .digest('hex'),
    );
  });

  it('holds no plaintext key or secret anywhere in the scanned table', async () => {
    const caller = newCaller();
    const { credentials } = await store(caller);

    const { Items = [] } = await clients.dynamodb.send(
      new ScanCommand({ TableName: vaultTable() }),
    );
    const values = Items.flatMap((item) => Object.values(item));
    const binaries = values.flatMap((value) =>
      value.B === undefined ? [] : [Buffer.from(value.B)],
    );
    const texts = values.map((value) => JSON.stringify({ ...value, B: undefined }));
    const dumps = [
      texts.join('\n'),
      ...(['latin1', 'base64', 'hex'] as const).map((encoding) =>
        binaries.map((b) => b.toString(encoding)).join('\n'),
      ),
    ];

    expect(binaries.length).toBeGreaterThanOrEqual(8);
    for (const text of dumps) {
      for (const needle of [
        ...encodings(credentials.api_key),
        ...encodings(credentials.api_secret),
      ]) {
        expect(text).not.toContain(needle);
      }
    }
    expect(dumps[0]).toContain(credentials.api_key.slice(0, 4));
  });

  it("refuses to decrypt a ciphertext copied into another user's item (context binding)", async () => {
    const victim = newCaller();
    const attacker = newCaller();
    const { record: victimKey } = await store(victim);
    const { record: attackerKey } = await store(attacker);
    const [victimItem] = (await rawItems(victim.userId)).filter((i) =>
      i['sk']?.S?.startsWith('KEY#'),
    );
    const sealedNames = Object.keys(victimItem!).filter((n) =>
      /^(encrypted_data_key|api_(key|secret)_(iv|tag|ct)|kms_key_id)$/.test(n),
    );

    await clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: vaultTable(),
        Key: { pk: { S: `USER#${attacker.userId}` }, sk: { S: `KEY#${attackerKey.id}` } },
        UpdateExpression: `SET ${sealedNames.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(sealedNames.map((n, i) => [`#n${i}`, n])),
        ExpressionAttributeValues: Object.fromEntries(
          sealedNames.map((n, i) => [`:v${i}`, victimItem![n]!]),
        ),
      }),
    );

    await expect(signPayload(vault, attacker, attackerKey.id, 'p')).rejects.toThrow(
      VaultIntegrityError,
    );
    expect(vault.security.events.at(-1)?.attributes).toMatchObject({
      key_id: attackerKey.id,
      reason: 'kms_rejected_data_key',
    });
    await expect(signPayload(vault, victim, victimKey.id, 'p')).resolves.toBeDefined();
  });

  it('detects a flipped byte of the stored secret ciphertext', async () => {
    const caller = newCaller();
    const { record } = await store(caller);
    const [item] = (await rawItems(caller.userId)).filter((i) => i['sk']?.S?.startsWith('KEY#'));
    const ciphertext = Uint8Array.from(item!['api_secret_ct']!.B!);
    ciphertext[ciphertext.length - 1] = (ciphertext.at(-1) ?? 0) ^ 0x01;

    await clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: vaultTable(),
        Key: { pk: item!['pk']!, sk: item!['sk']! },
        UpdateExpression: 'SET api_secret_ct = :ct',
        ExpressionAttributeValues: { ':ct': { B: ciphertext } },
      }),
    );

    await expect(signPayload(vault, caller, record.id, 'p')).rejects.toThrow(
      'ciphertext_authentication_failed',
    );
  });

  it('lets exactly one of two concurrent stores of the same key win', async () => {
    const caller = newCaller();
    const credentials = binanceCredentials();

    const results = await Promise.allSettled([
      store(caller, credentials),
      store(caller, credentials),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
  });

  it('holds the limit of 20 keys under 24 concurrent stores', async () => {
    const caller = newCaller();

    const results = await Promise.allSettled(Array.from({ length: 24 }, () => store(caller)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    const keys = (await rawItems(caller.userId)).filter((i) => i['sk']?.S?.startsWith('KEY#'));
    expect(keys).toHaveLength(20);
  });

  it('pages through the keys with an opaque cursor, null on the last page, and refuses a forged one', async () => {
    const caller = newCaller();
    for (let i = 0; i < 3; i += 1) await store(caller);

    const first = await vault.repository.list(caller.userId, 2, undefined);
    const second = await vault.repository.list(caller.userId, 2, first.nextCursor!);

    const whole = await vault.repository.list(caller.userId, 3, undefined);

    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(3);
    expect(whole.items).toHaveLength(3);
    expect(whole.nextCursor).toBeNull();
    await expect(vault.repository.list(caller.userId, 2, 'bm90LWEta2V5')).rejects.toThrow(
      ValidationError,
    );
  });

  it('rotates under the same id and moves the fingerprint claim', async () => {
    const caller = newCaller();
    const { record, credentials: old } = await store(caller);
    const next = binanceCredentials();

    await rotateExchangeKey(vault, caller, record.id, next);

    const { signature } = await signPayload(vault, caller, record.id, 'x');
    expect(signature).toBe(createHmac('sha256', next.api_secret).update('x').digest('hex'));
    await expect(store(caller, old)).resolves.toBeDefined();
    await expect(store(caller, next)).rejects.toThrow(ConflictError);
  });

  it('updates metadata without touching the sealed fields or last_used_at', async () => {
    const caller = newCaller();
    const { record, credentials } = await store(caller);
    await signPayload(vault, caller, record.id, 'before');
    const used = await vault.repository.get(caller.userId, record.id);

    await rotateExchangeKey(vault, caller, record.id, { label: 'renamed', testnet: false });

    const after = await vault.repository.get(caller.userId, record.id);
    expect(after).toMatchObject({ label: 'renamed', testnet: false, revision: 2 });
    expect(after?.lastUsedAt).toBe(used?.lastUsedAt);
    const bytes = (sealed: typeof record.sealed) =>
      [sealed.encryptedDataKey, sealed.apiKey.ciphertext, sealed.apiSecret.ciphertext].map((b) =>
        Buffer.from(b).toString('hex'),
      );
    expect(bytes(after!.sealed)).toEqual(bytes(record.sealed));
    const { signature } = await signPayload(vault, caller, record.id, 'after');
    expect(signature).toBe(
      createHmac('sha256', credentials.api_secret).update('after').digest('hex'),
    );
  });

  it('refuses a replace based on a stale read', async () => {
    const caller = newCaller();
    const { record } = await store(caller);
    await vault.repository.replace(record, { ...record, label: 'first', revision: 2 });

    await expect(
      vault.repository.replace(record, { ...record, label: 'second', revision: 2 }),
    ).rejects.toThrow(ConflictError);
  });

  it('erases the ciphertexts and wrapped data key on delete and frees the slot', async () => {
    const caller = newCaller();
    const { record } = await store(caller);

    await deleteExchangeKey(vault, caller, record.id);

    const items = await rawItems(caller.userId);
    expect(
      items.filter((i) => i['sk']?.S?.startsWith('KEY#') || i['sk']?.S?.startsWith('FP#')),
    ).toEqual([]);
    expect(items.find((i) => i['sk']?.S === 'KEYCOUNT')?.['key_count']).toEqual({ N: '0' });
    expect(vault.audit.actions()).toContain('exchange_key.deleted');
  });
});
