import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HEAD_SK, chainPk, recordSk, toRecordItem } from '../../../shared/audit/audit-item';
import { ConflictError } from '../../../shared/domain/errors';
import { chainHash, unsealed, type AuditRecord } from '../../../shared/audit/audit-record';
import { canonicalJson } from '../../../shared/audit/canonical-json';
import { auditExportQuerySchema } from '../../../shared/contracts/audit';
import { createCheckpoint } from '../../../functions/audit/checkpoints';
import { exportEvents } from '../../../functions/audit/export-events';
import { verifyTrail } from '../../../functions/audit/verify-trail';
import { DynamoAuditLog } from '../../../shared/aws/dynamo-audit-log';
import type { Caller } from '../../../functions/audit/audit-reads';
import { auditWorld, kmsPublicKey, type AuditWorld } from './support';

const order = (n: number) => ({
  actor: { type: 'user' as const, id: 'user-7' },
  actorIp: '203.0.113.9',
  userAgent: 'integration',
  action: 'order.placed',
  resource: { type: 'order', id: 'order-hot' },
  result: 'success' as const,
  requestId: `req-${n}`,
  details: { n },
});

const auditor: Caller = {
  identity: { userId: 'auditor-1', groups: ['auditor'], authType: 'jwt', scopes: [] },
  sourceIp: '198.51.100.4',
  userAgent: 'audit-cli',
  requestId: 'req-export',
};

async function appendMany(world: AuditWorld, count: number): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (let n = 1; n <= count; n += 1) records.push(await world.writer.append(order(n)));
  return records;
}

async function chainOf(world: AuditWorld, chain: number): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for await (const entry of world.reader.walk(chain)) if (entry.record) records.push(entry.record);
  return records;
}

describe('the DynamoDB audit writer', () => {
  it('keeps one chain gap-free and linear under 50 concurrent writers', async () => {
    const world = await auditWorld();

    const written = await Promise.all(
      Array.from({ length: 50 }, (_, n) => world.writer.append(order(n))),
    );

    const chain = await chainOf(world, written[0]!.chain);
    const heads = await world.reader.heads();
    expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    chain.slice(1).forEach((record, i) => expect(record.prev_hash).toBe(chain[i]!.hash));
    expect(new Set(chain.map((r) => r.request_id)).size).toBe(50);
    expect(heads.find((h) => h.chain === written[0]!.chain)).toMatchObject({
      seq: 50,
      hash: chain[49]!.hash,
    });
    expect((await verifyTrail(world, 'genesis')).valid).toBe(true);
  });

  it('batches the appends of each process and keeps the chain linear when processes race', async () => {
    // Four writers stand for four warm containers; each batches its own concurrent appends.
    const world = await auditWorld();
    const writers = Array.from(
      { length: 4 },
      () => new DynamoAuditLog(world.clients.documents, world.tableName, { maxAttempts: 50 }),
    );

    const written = await Promise.all(
      writers.flatMap((writer, w) =>
        Array.from({ length: 10 }, (_, n) => writer.append(order(w * 10 + n))),
      ),
    );

    const chain = await chainOf(world, written[0]!.chain);
    expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    chain.slice(1).forEach((record, i) => expect(record.prev_hash).toBe(chain[i]!.hash));
    expect(new Set(chain.map((r) => r.request_id)).size).toBe(40);
    expect(written.map((r) => r.seq).sort((a, b) => a - b)).toEqual(chain.map((r) => r.seq));
    expect((await verifyTrail(world, 'genesis')).valid).toBe(true);
  });

  it('stores no value of a secret-named key anywhere in the table', async () => {
    const world = await auditWorld();
    const secrets = ['pw-Zq81!x', 'sk_live_9f8e7d', 'eyJhbGciOi.secret.token', '492817'];

    await world.writer.record({
      ...order(1),
      details: {
        password: secrets[0],
        exchange: { api_secret: secrets[1], label: 'main' },
        refresh_token: secrets[2],
        mfa_code: secrets[3],
      },
    });

    const { Items = [] } = await world.clients.documents.send(
      new ScanCommand({ TableName: world.tableName }),
    );
    const dump = JSON.stringify(Items);
    for (const secret of secrets) expect(dump).not.toContain(secret);
    expect(dump).toContain('main');
  });
});

describe('verification against tampering in DynamoDB', () => {
  it('names a record whose field was changed in the table', async () => {
    const world = await auditWorld();
    const records = await appendMany(world, 5);
    const target = records[2]!;

    await world.clients.documents.send(
      new UpdateCommand({
        TableName: world.tableName,
        Key: { pk: chainPk(target.chain), sk: recordSk(target.id) },
        UpdateExpression: 'SET #result = :r',
        ExpressionAttributeNames: { '#result': 'result' },
        ExpressionAttributeValues: { ':r': 'failure' },
      }),
    );
    const report = await verifyTrail(world, 'genesis');

    expect(report.valid).toBe(false);
    expect(report.first_broken).toMatchObject({
      chain: target.chain,
      seq: 3,
      id: target.id,
      reason: 'hash_mismatch',
    });
  });

  it('names a record deleted from the table as a gap', async () => {
    const world = await auditWorld();
    const records = await appendMany(world, 4);

    await world.clients.documents.send(
      new DeleteCommand({
        TableName: world.tableName,
        Key: { pk: chainPk(records[1]!.chain), sk: recordSk(records[1]!.id) },
      }),
    );
    const report = await verifyTrail(world, 'genesis');

    expect(report.first_broken).toMatchObject({ seq: 2, reason: 'gap' });
  });

  it('names two records swapped in the table as reordered', async () => {
    const world = await auditWorld();
    const records = await appendMany(world, 4);
    const [second, third] = [records[1]!, records[2]!];
    const moved = (record: AuditRecord, to: AuditRecord) => ({
      ...toRecordItem(record),
      pk: chainPk(to.chain),
      sk: recordSk(to.id),
    });

    for (const [record, to] of [
      [second, third],
      [third, second],
    ] as const) {
      await world.clients.documents.send(
        new PutCommand({ TableName: world.tableName, Item: moved(record, to) }),
      );
    }
    const report = await verifyTrail(world, 'genesis');

    expect(report.first_broken).toMatchObject({ seq: 2, id: second.id, reason: 'reordered' });
  });

  it('names an unreadable chain head as head_damaged and refuses to sign over it', async () => {
    const world = await auditWorld();
    const records = await appendMany(world, 3);
    const chain = records[0]!.chain;

    await world.clients.documents.send(
      new UpdateCommand({
        TableName: world.tableName,
        Key: { pk: chainPk(chain), sk: HEAD_SK },
        UpdateExpression: 'SET head_seq = :s',
        ExpressionAttributeValues: { ':s': 'three' },
      }),
    );
    const report = await verifyTrail(world, 'genesis');

    expect(report.valid).toBe(false);
    expect(report.first_broken).toMatchObject({ chain, seq: 4, reason: 'head_damaged' });
    expect(report.chains.find((c) => c.chain === chain)).toMatchObject({ to_seq: 3 });
    await expect(createCheckpoint(world)).rejects.toThrow(ConflictError);
  });
});

describe('checkpoints and exports signed by the local KMS', () => {
  it('signs a checkpoint that verifies with the public key from GetPublicKey', async () => {
    const world = await auditWorld();
    const records = await appendMany(world, 3);

    const checkpoint = await createCheckpoint(world);

    const stored = (await world.store.list(1)).items[0]!;
    const key = await kmsPublicKey(world);
    const signature = Buffer.from(stored.signature, 'base64');
    expect(stored).toEqual(checkpoint);
    expect(verify('sha256', Buffer.from(stored.body), key, signature)).toBe(true);
    expect(stored.chains.find((c) => c.chain === records[0]!.chain)).toMatchObject({
      seq: 3,
      hash: records[2]!.hash,
    });
    expect((await verifyTrail(world, 'checkpoint')).checkpoint?.signature_valid).toBe(true);
  });

  it('exports records that verify against the manifest and its KMS signature', async () => {
    const world = await auditWorld();
    await appendMany(world, 6);
    await createCheckpoint(world);

    const answer = await exportEvents(
      world,
      auditExportQuerySchema.parse({ actor_id: 'user-7', limit: '4' }),
      auditor,
    );

    const { manifest, signature, content } = answer;
    const key = await kmsPublicKey(world);
    const lines = content
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRecord);
    expect(
      verify('sha256', Buffer.from(canonicalJson(manifest)), key, Buffer.from(signature, 'base64')),
    ).toBe(true);
    expect(createHash('sha256').update(content).digest('hex')).toBe(manifest.content_sha256);
    expect(manifest.count).toBe(lines.length);
    expect(lines.map((r) => r.seq)).toEqual([6, 5, 4, 3]);
    expect([manifest.first_hash, manifest.last_hash]).toEqual([lines[0]!.hash, lines[3]!.hash]);
    for (const line of lines) expect(chainHash(line.prev_hash, unsealed(line))).toBe(line.hash);
    expect(world.audit.actions()).toEqual(['audit.exported']);
  });
});
