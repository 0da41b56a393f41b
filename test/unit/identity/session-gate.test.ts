import { describe, expect, it } from 'vitest';
import { authorize } from '../../../functions/authorizer/authorize';
import type {
  SessionState,
  SessionStateReader,
  TokenVerifier,
} from '../../../functions/authorizer/ports';
import { sessionGate } from '../../../functions/authorizer/session-gate';
import { identityFromContext } from '../../../shared/http/identity';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const LATER = '2026-03-31T12:00:00.000Z';

class FakeReader implements SessionStateReader {
  readonly links = new Map([
    ['user-1|jti-1', { sessionId: 'session-1', expiresAtMs: NOW + 900_000 }],
  ]);
  state_: SessionState = {
    session: { revokedAt: null, expiresAt: LATER },
    account: { status: 'ACTIVE', groups: ['trader', 'admin'] },
  };
  reads = 0;
  async tokenSession(userId: string, tokenId: string) {
    this.reads += 1;
    return this.links.get(`${userId}|${tokenId}`);
  }
  async state() {
    return this.state_;
  }
}

const verifier = (tokenId = 'jti-1', groups = ['trader', 'admin']): TokenVerifier => ({
  async verifyAccessToken() {
    return { sub: 'user-1', groups, tokenId };
  },
});

const setup = () => {
  const reader = new FakeReader();
  return { reader, gate: sessionGate(reader, () => NOW) };
};

describe('authorize with the session gate', () => {
  it('labels a live session with its id and the roles both token and profile grant', async () => {
    const { gate } = setup();

    const context = await authorize('Bearer a.b.c', verifier(), gate);

    expect(identityFromContext(context)).toEqual({
      identity: {
        userId: 'user-1',
        groups: ['trader', 'admin'],
        authType: 'jwt',
        scopes: ['read', 'trade'],
        sessionId: 'session-1',
      },
    });
  });

  it('refuses a revoked session at once', async () => {
    const { gate, reader } = setup();
    await authorize('Bearer a.b.c', verifier(), gate);
    reader.state_ = {
      ...reader.state_,
      session: { revokedAt: '2026-03-01T12:00:00Z', expiresAt: LATER },
    };

    expect(await authorize('Bearer a.b.c', verifier(), gate)).toEqual({
      auth_type: 'none',
      reason: 'revoked',
    });
  });

  it('refuses every token of a suspended account', async () => {
    const { gate, reader } = setup();
    reader.state_ = { ...reader.state_, account: { status: 'SUSPENDED', groups: ['trader'] } };

    expect(await authorize('Bearer a.b.c', verifier(), gate)).toMatchObject({
      reason: 'inactive_user',
    });
  });

  it('refuses a token it never issued (obtained from Cognito directly)', async () => {
    const { gate } = setup();

    expect(await authorize('Bearer a.b.c', verifier('jti-unknown'), gate)).toMatchObject({
      reason: 'invalid_token',
    });
  });

  it('drops a role the profile no longer grants before the token expires', async () => {
    const { gate, reader } = setup();
    reader.state_ = { ...reader.state_, account: { status: 'ACTIVE', groups: ['trader'] } };

    const outcome = identityFromContext(await authorize('Bearer a.b.c', verifier(), gate));

    expect(outcome).toMatchObject({ identity: { groups: ['trader'] } });
  });

  it('caches which session a token belongs to, never whether it is revoked', async () => {
    const { gate, reader } = setup();
    await authorize('Bearer a.b.c', verifier(), gate);
    await authorize('Bearer a.b.c', verifier(), gate);
    reader.state_ = { ...reader.state_, session: undefined };

    const third = await authorize('Bearer a.b.c', verifier(), gate);

    expect(reader.reads).toBe(1);
    expect(third).toMatchObject({ reason: 'revoked' });
  });
});

describe('the base role', () => {
  it('comes from the profile even when the token carries no group', async () => {
    const { gate } = setup();

    const outcome = identityFromContext(
      await authorize('Bearer a.b.c', verifier('jti-1', []), gate),
    );

    expect(outcome).toMatchObject({ identity: { groups: ['trader'] } });
  });
});
