import { randomBytes, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../shared/aws/clients';
import { dynamoTotpEnrolments } from '../../../shared/aws/dynamo-totp-enrolments';
import { kmsTotpDataKeys } from '../../../shared/aws/kms-totp-data-keys';
import { createTotpStepUp } from '../../../shared/aws/totp-step-up';
import { hotp, timeStepAt, totpAt } from '../../../shared/identity/totp';
import { sealTotpSecret, openTotpSecret } from '../../../shared/identity/totp-envelope';
import type { TotpEnrolmentStore } from '../../../shared/identity/totp-enrolments';
import type { TotpDataKeys } from '../../../shared/identity/totp-envelope';
import { localEnv } from '../../support/local-stack';

let clients: AwsClients;
let usersTable: string;
let enrolments: TotpEnrolmentStore;
let dataKeys: TotpDataKeys;

beforeAll(() => {
  clients = createAwsClients();
  usersTable = localEnv()['USERS_TABLE']!;
  enrolments = dynamoTotpEnrolments(clients.documents, usersTable);
  dataKeys = kmsTotpDataKeys(clients.kms, localEnv()['MFA_KEY_ID']!);
});

/** A user with an active enrolment of a fresh 20-byte secret, as after confirm-2fa. */
async function enrolled(): Promise<{ userId: string; secret: Buffer }> {
  const userId = randomUUID();
  const secret = randomBytes(20);
  await enrolments.savePending(userId, await sealTotpSecret(dataKeys, userId, secret), 'now');
  await enrolments.activate(userId, new Date().toISOString());
  return { userId, secret };
}

describe('TOTP enrolments on DynamoDB Local and the local KMS', () => {
  it('stores the secret sealed under the MFA key, never in clear', async () => {
    const { userId, secret } = await enrolled();

    const { Item } = await clients.documents.send(
      new GetCommand({ TableName: usersTable, Key: { pk: `USER#${userId}`, sk: 'TOTP' } }),
    );
    const stored = await enrolments.get(userId);

    expect(Item?.['status']).toBe('ACTIVE');
    expect(Item?.['kms_key_id']).toBe(localEnv()['MFA_KEY_ID']);
    expect(Buffer.from(JSON.stringify(Item)).includes(secret.toString('hex'))).toBe(false);
    expect(Buffer.from(Item?.['ciphertext'] as Uint8Array).includes(secret)).toBe(false);
    expect((await openTotpSecret(dataKeys, userId, stored!.sealed)).equals(secret)).toBe(true);
  });

  it('has KMS refuse to unwrap a secret for another user', async () => {
    const { userId } = await enrolled();
    const stored = await enrolments.get(userId);

    await expect(openTotpSecret(dataKeys, randomUUID(), stored!.sealed)).rejects.toThrow(
      /kms_rejected_data_key/,
    );
  });

  it('claims a time step once, and never an older one', async () => {
    const { userId } = await enrolled();

    const first = await enrolments.claimStep(userId, 100);
    const again = await enrolments.claimStep(userId, 100);
    const older = await enrolments.claimStep(userId, 99);
    const newer = await enrolments.claimStep(userId, 101);

    expect([first, again, older, newer]).toEqual([true, false, false, true]);
  });

  it('claims nothing for a pending or a deleted enrolment', async () => {
    const userId = randomUUID();
    await enrolments.savePending(
      userId,
      await sealTotpSecret(dataKeys, userId, randomBytes(20)),
      'now',
    );

    const pending = await enrolments.claimStep(userId, 1);
    await enrolments.remove(userId);
    const removed = await enrolments.claimStep(userId, 2);

    expect([pending, removed, await enrolments.get(userId)]).toEqual([false, false, undefined]);
  });

  it('counts attempts up to the limit, restarts the count after the lock, and clears it with an accepted step', async () => {
    const { userId } = await enrolled();
    const reserve = (atMs: number) => enrolments.reserveAttempt(userId, atMs, 2, atMs - 10_000);

    const first = await reserve(1_000);
    const second = await reserve(2_000);
    const third = await reserve(3_000);
    const counted = await enrolments.get(userId);
    const afterLock = await reserve(20_000);
    const restarted = await enrolments.get(userId);
    await enrolments.claimStep(userId, 5);
    const cleared = await enrolments.get(userId);

    expect([first, second, third, afterLock]).toEqual([true, true, false, true]);
    expect(counted).toMatchObject({ failedAttempts: 2, lastFailureMs: 2_000 });
    expect(restarted).toMatchObject({ failedAttempts: 1, lastFailureMs: 20_000 });
    expect(cleared).toMatchObject({ failedAttempts: 0, lastFailureMs: null, lastAcceptedStep: 5 });
  });

  it('counts no more than the limit of concurrent attempts', async () => {
    const { userId } = await enrolled();

    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => enrolments.reserveAttempt(userId, 5_000, 5, 0)),
    );

    expect(outcomes.filter(Boolean)).toHaveLength(5);
    expect(await enrolments.get(userId)).toMatchObject({ failedAttempts: 5 });
  });

  it('verifies a current code once through the wired step-up verifier', async () => {
    const { userId, secret } = await enrolled();
    const verifier = createTotpStepUp(clients, {
      USERS_TABLE: usersTable,
      MFA_KEY_ID: localEnv()['MFA_KEY_ID']!,
    });
    const code = totpAt(secret, Date.now());
    const wrong = hotp(secret, timeStepAt(Date.now()) + 5);

    const results = [
      await verifier.verify(userId, wrong),
      await verifier.verify(userId, code),
      await verifier.verify(userId, code),
    ];

    expect(results).toEqual([false, true, false]);
  });
});
