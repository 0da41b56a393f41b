import { describe, expect, it } from 'vitest';
import { send, signedInUser, signIn } from './support/api';

describe('sessions belong to their user', () => {
  it('lists only the caller’s sessions, marking the current one', async () => {
    const alice = await signedInUser('alice');
    const laptop = await signIn(alice.email, alice.password, 'alice-laptop');

    const list = await send('GET', '/users/me/sessions', { token: alice.tokens.access_token });

    const items = list.body.data.items as { id: string; current: boolean; user_agent: string }[];
    expect(items.map((s) => s.id)).toEqual([laptop.session_id, alice.tokens.session_id]);
    expect(items.find((s) => s.current)?.id).toBe(alice.tokens.session_id);
    expect(items[0]?.user_agent).toBe('alice-laptop');
  });

  it("answers 404 to revoking another user's session and leaves it working", async () => {
    const alice = await signedInUser('alice');
    const bob = await signedInUser('bob');

    const attempt = await send('DELETE', `/users/me/sessions/${bob.tokens.session_id}`, {
      token: alice.tokens.access_token,
    });
    const bobStill = await send('GET', '/auth/profile', { token: bob.tokens.access_token });
    const aliceList = await send('GET', '/users/me/sessions', { token: alice.tokens.access_token });

    expect(attempt.status).toBe(404);
    expect(attempt.body.error.code).toBe('NOT_FOUND');
    expect(bobStill.status).toBe(200);
    expect(aliceList.body.data.items.map((s: { id: string }) => s.id)).not.toContain(
      bob.tokens.session_id,
    );
  });

  it('revokes every other session and keeps the current one', async () => {
    const user = await signedInUser('others');
    const phone = await signIn(user.email, user.password, 'phone');

    const revoked = await send('DELETE', '/users/me/sessions', { token: user.tokens.access_token });
    const phoneAfter = await send('GET', '/auth/profile', { token: phone.access_token });
    const currentAfter = await send('GET', '/auth/profile', { token: user.tokens.access_token });

    expect(revoked.body.data).toEqual({ revoked: 1 });
    expect(phoneAfter.status).toBe(401);
    expect(currentAfter.status).toBe(200);
  });

  it('validates the session id and refuses unknown fields', async () => {
    const user = await signedInUser('validate');

    const badId = await send('DELETE', '/users/me/sessions/not-a-uuid', {
      token: user.tokens.access_token,
    });
    const unknownField = await send('PUT', '/auth/profile', {
      token: user.tokens.access_token,
      body: { username: 'ok_name', role: 'admin' },
    });

    expect(badId.status).toBe(400);
    expect(badId.body.error.details.fields[0]).toMatchObject({ field: 'id', in: 'path' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details.fields[0]).toMatchObject({ field: 'role' });
  });
});
