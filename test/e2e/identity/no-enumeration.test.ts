import { describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../../support/http';
import { mailbox, newEmail, newPassword, registeredUser, send } from './support/api';

/** An answer without what legitimately differs per request. */
const shape = (answer: ApiAnswer) => {
  const body = JSON.parse(JSON.stringify(answer.body)) as Record<string, Record<string, unknown>>;
  if (body['error']) delete body['error']['request_id'];
  if (body['data']) delete body['data']['user_id'];
  if (body['data']) delete body['data']['email'];
  return { status: answer.status, body };
};

describe('no account enumeration', () => {
  it('answers a registration of a taken address like a new one and mails only the owner', async () => {
    const owner = await registeredUser('owner');
    const fresh = newEmail('fresh');

    const taken = await send('POST', '/auth/register', {
      body: { email: owner.email, password: newPassword() },
    });
    const created = await send('POST', '/auth/register', {
      body: { email: fresh, password: newPassword() },
    });

    expect(shape(taken)).toEqual(shape(created));
    expect(taken.body.data.user_id).not.toBe(owner.userId);
    expect((await mailbox(owner.email)).map((m) => m.type)).toEqual([
      'VERIFICATION',
      'ACCOUNT_EXISTS',
    ]);
  });

  it('answers an unknown email and a wrong password identically at login', async () => {
    const user = await registeredUser('login-enum');

    const wrong = await send('POST', '/auth/login', {
      body: { email: user.email, password: 'Not-The-Password-1' },
    });
    const unknown = await send('POST', '/auth/login', {
      body: { email: newEmail('nobody'), password: 'Not-The-Password-1' },
    });

    expect(wrong.status).toBe(401);
    expect(shape(wrong)).toEqual(shape(unknown));
    expect(wrong.body.error).toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      message: 'Invalid email or password',
    });
  });

  it('answers forgot-password the same for a known and an unknown address', async () => {
    const user = await registeredUser('forgot-enum');

    const known = await send('POST', '/auth/forgot-password', { body: { email: user.email } });
    const unknown = await send('POST', '/auth/forgot-password', {
      body: { email: newEmail('nobody') },
    });

    expect(known.status).toBe(202);
    expect(shape(known)).toEqual(shape(unknown));
    expect((await mailbox(user.email)).map((m) => m.type)).toContain('PASSWORD_RESET');
  });

  it('answers a wrong confirmation code the same for a known and an unknown address', async () => {
    const pending = newEmail('pending');
    await send('POST', '/auth/register', { body: { email: pending, password: newPassword() } });

    const known = await send('POST', '/auth/confirm', { body: { email: pending, code: '000000' } });
    const unknown = await send('POST', '/auth/confirm', {
      body: { email: newEmail('nobody'), code: '000000' },
    });

    expect(known.status).toBe(400);
    expect(shape(known)).toEqual(shape(unknown));
  });
});
