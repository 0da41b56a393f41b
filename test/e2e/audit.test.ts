import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/audit/canonical-json';
import { signIn, signInAuditor, signInNewMember, type SignedInCaller } from '../support/users';
import { call, type ApiAnswer } from '../support/http';
import { localAdmin, localEnv } from '../support/local-stack';

const api = () => localEnv()['API_URL']!;

let auditor: SignedInCaller;
let trader: SignedInCaller;
let admin: SignedInCaller;

const get = (path: string, caller?: SignedInCaller): Promise<ApiAnswer> =>
  call(
    `${api()}${path}`,
    caller ? { headers: { authorization: `Bearer ${caller.accessToken}` } } : {},
  );

const send = (method: string, path: string, caller: SignedInCaller): Promise<ApiAnswer> =>
  call(`${api()}${path}`, {
    method,
    headers: { authorization: `Bearer ${caller.accessToken}`, 'content-type': 'application/json' },
    ...(method === 'DELETE' ? {} : { body: '{}' }),
  });

beforeAll(async () => {
  const credentials = await localAdmin();
  [auditor, trader, admin] = await Promise.all([
    signInAuditor(),
    signInNewMember([]),
    signIn(credentials.email, credentials.password),
  ]);
});

describe('audit API for auditors', () => {
  it('lists records, including the auditor’s own sign-in and its own earlier read', async () => {
    const first = await get('/audit/events?limit=5', auditor);
    const logins = await get(
      `/audit/events?resource_type=user&resource_id=${auditor.userId}&action=user.login`,
      auditor,
    );
    const reads = await get(`/audit/events?actor_id=${auditor.userId}&action=audit.read`, auditor);

    expect(first.status).toBe(200);
    expect(first.body.data.items.length).toBeGreaterThan(0);
    expect(logins.body.data.items.length).toBeGreaterThan(0);
    expect(reads.body.data.items[0]).toMatchObject({
      actor: { type: 'user', id: auditor.userId },
      action: 'audit.read',
      resource: { type: 'audit_trail', id: 'events' },
      result: 'success',
    });
  });

  it('returns one record with its chain position and a hash anyone can recompute', async () => {
    const listed = await get('/audit/events?limit=1', auditor);
    const id: string = listed.body.data.items[0].id;

    const { status, body } = await get(`/audit/events/${id}`, auditor);

    const { hash, prev_hash, ...rest } = body.data;
    const recomputed = createHash('sha256')
      .update(prev_hash + canonicalJson(rest))
      .digest('hex');
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ id, chain: expect.any(Number), seq: expect.any(Number) });
    expect(recomputed).toBe(hash);
  });

  it('verifies every chain, from a checkpoint an admin signed on demand', async () => {
    const signed = await send('POST', '/audit/checkpoints', admin);

    const { status, body } = await get('/audit/verify', auditor);

    expect(signed.status).toBe(201);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ valid: true, complete: true, first_broken: null });
    expect(body.data.checkpoint.signature_valid).toBe(true);
    expect(body.data.chains).toHaveLength(8);
  });

  it('exports JSONL whose manifest verifies with the KMS public key', async () => {
    const { status, body } = await get('/audit/export?format=jsonl&limit=20', auditor);

    const { manifest, signature, content } = body;
    const kms = new KMSClient({});
    const published = await kms.send(
      new GetPublicKeyCommand({ KeyId: localEnv()['AUDIT_SIGNING_KEY_ID']! }),
    );
    const key = createPublicKey({
      key: Buffer.from(published.PublicKey!),
      format: 'der',
      type: 'spki',
    });
    kms.destroy();
    expect(status).toBe(200);
    expect(manifest.key_id).toBe(published.KeyId);
    expect(
      verify('sha256', Buffer.from(canonicalJson(manifest)), key, Buffer.from(signature, 'base64')),
    ).toBe(true);
    expect(createHash('sha256').update(content).digest('hex')).toBe(manifest.content_sha256);
    expect(content.trimEnd().split('\n')).toHaveLength(manifest.count);
  });

  it('exports CSV with a header row', async () => {
    const { status, body } = await get('/audit/export?format=csv&limit=3', auditor);

    expect(status).toBe(200);
    expect(body.content.split('\r\n')[0]).toMatch(/^id,at,chain,seq,actor_type/);
  });
});

describe('audit API for everyone else', () => {
  it.each(['/audit/events', '/audit/verify', '/audit/export', '/audit/checkpoints'])(
    'refuses a trader with 403 on %s',
    async (path) => {
      const { status, body } = await get(path, trader);

      expect(status).toBe(403);
      expect(body.error.code).toBe('PERMISSION_DENIED');
    },
  );

  it('refuses an anonymous caller with 401', async () => {
    const { status } = await get('/audit/events');

    expect(status).toBe(401);
  });

  it('lets no auditor sign a checkpoint', async () => {
    const { status } = await send('POST', '/audit/checkpoints', auditor);

    expect(status).toBe(403);
  });

  it.each([
    ['PUT', '/audit/events/20250101T000000000Z-00-000000000001'],
    ['DELETE', '/audit/events/20250101T000000000Z-00-000000000001'],
    ['POST', '/audit/events'],
    ['DELETE', '/audit/checkpoints'],
  ])('has no %s %s route, even for an admin', async (method, path) => {
    const { status, body } = await send(method, path, admin);

    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });
});
