import { beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError, RateLimitExceededError } from '../../../shared/domain/errors';
import {
  StepUpNotEnrolledError,
  totpStepUpVerifier,
  type StepUpVerifier,
} from '../../../shared/identity/step-up';
import { base32Decode, hotp, timeStepAt, totpAt } from '../../../shared/identity/totp';
import {
  TotpSecretIntegrityError,
  openTotpSecret,
  sealTotpSecret,
} from '../../../shared/identity/totp-envelope';
import { FakeTotpDataKeys, InMemoryTotpEnrolments } from '../../support/fakes/in-memory-totp';
import { ManualClock } from './fakes/world';

const SECRET = base32Decode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
const USER = 'user-1';

let clock: ManualClock;
let enrolments: InMemoryTotpEnrolments;
let dataKeys: FakeTotpDataKeys;
let verifier: StepUpVerifier;

const now = (): number => clock.now().getTime();
const codeAt = (offsetSteps = 0): string => hotp(SECRET, timeStepAt(now()) + offsetSteps);

async function enrol(userId = USER, status: 'PENDING' | 'ACTIVE' = 'ACTIVE'): Promise<void> {
  await enrolments.savePending(userId, await sealTotpSecret(dataKeys, userId, SECRET));
  if (status === 'ACTIVE') await enrolments.activate(userId);
}

beforeEach(() => {
  clock = new ManualClock();
  enrolments = new InMemoryTotpEnrolments();
  dataKeys = new FakeTotpDataKeys();
  verifier = totpStepUpVerifier({ enrolments, dataKeys, clock });
});

describe('step-up verification', () => {
  it('accepts the current code and remembers its step', async () => {
    await enrol();

    const accepted = await verifier.verify(USER, codeAt());

    expect(accepted).toBe(true);
    expect(enrolments.items.get(USER)?.lastAcceptedStep).toBe(timeStepAt(now()));
  });

  it('accepts the previous and the next step for clock drift', async () => {
    await enrol();

    const previous = await verifier.verify(USER, codeAt(-1));
    const next = await verifier.verify(USER, codeAt(1));

    expect([previous, next]).toEqual([true, true]);
  });

  it('refuses a wrong code and counts the failure', async () => {
    await enrol();
    const wrong = codeAt() === '000000' ? '111111' : '000000';

    const accepted = await verifier.verify(USER, wrong);

    expect(accepted).toBe(false);
    expect(enrolments.items.get(USER)).toMatchObject({ failedAttempts: 1, lastFailureMs: now() });
  });

  it('refuses a code two steps old', async () => {
    await enrol();

    await expect(verifier.verify(USER, codeAt(-2))).resolves.toBe(false);
  });

  it('accepts a code once: the same code again is refused', async () => {
    await enrol();
    const code = codeAt();
    await verifier.verify(USER, code);

    const replayed = await verifier.verify(USER, code);

    expect(replayed).toBe(false);
  });

  it('refuses an older step once a newer one was accepted', async () => {
    await enrol();
    await verifier.verify(USER, codeAt(1));

    const older = await verifier.verify(USER, codeAt());

    expect(older).toBe(false);
  });

  it('lets only one of two concurrent requests with the same code through', async () => {
    await enrol();
    const code = codeAt();

    const results = await Promise.all([verifier.verify(USER, code), verifier.verify(USER, code)]);

    expect(results.sort()).toEqual([false, true]);
  });

  it('refuses an account without a stored secret with a 403 that says how to fix it', async () => {
    const attempt = verifier.verify(USER, codeAt());

    await expect(attempt).rejects.toThrow(StepUpNotEnrolledError);
    await expect(attempt).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(attempt).rejects.toThrow(/turn two-factor authentication off and on again/);
  });

  it('refuses an enrolment that was never confirmed', async () => {
    await enrol(USER, 'PENDING');

    await expect(verifier.verify(USER, codeAt())).rejects.toThrow(StepUpNotEnrolledError);
  });

  it('locks step-ups for 15 minutes after five wrong codes, then lets a right one through', async () => {
    await enrol();
    for (let i = 0; i < 5; i += 1) await verifier.verify(USER, 'abcdef');

    const locked = verifier.verify(USER, codeAt());
    await expect(locked).rejects.toThrow(RateLimitExceededError);
    await expect(verifier.verify(USER, codeAt())).rejects.toMatchObject({
      retryAfterSeconds: 900,
    });
    clock.advance(15 * 60 * 1000);
    const accepted = await verifier.verify(USER, codeAt());

    expect(accepted).toBe(true);
    expect(enrolments.items.get(USER)?.failedAttempts).toBe(0);
  });

  it('compares at most five of twenty wrong codes sent at once, locking the rest', async () => {
    await enrol();
    const guesses = Array.from({ length: 20 }, (_, i) => codeAt(10 + i));

    const outcomes = await Promise.allSettled(guesses.map((code) => verifier.verify(USER, code)));

    const compared = outcomes.filter((o) => o.status === 'fulfilled');
    const locked = outcomes.filter(
      (o) => o.status === 'rejected' && o.reason instanceof RateLimitExceededError,
    );
    expect(compared).toHaveLength(5);
    expect(locked).toHaveLength(15);
    await expect(verifier.verify(USER, codeAt())).rejects.toThrow(RateLimitExceededError);
  });

  it('starts the failure count again after a quiet quarter of an hour', async () => {
    await enrol();
    for (let i = 0; i < 4; i += 1) await verifier.verify(USER, 'abcdef');
    clock.advance(15 * 60 * 1000);

    await verifier.verify(USER, 'abcdef');

    expect(enrolments.items.get(USER)?.failedAttempts).toBe(1);
  });

  it('does not open a secret copied to another user', async () => {
    await enrol();
    enrolments.items.set('user-2', enrolments.items.get(USER)!);

    await expect(verifier.verify('user-2', codeAt())).rejects.toThrow(TotpSecretIntegrityError);
  });
});

describe('sealing a TOTP secret', () => {
  it('round-trips under the owner and never stores the secret in clear', async () => {
    const sealed = await sealTotpSecret(dataKeys, USER, SECRET);

    const opened = await openTotpSecret(dataKeys, USER, sealed);

    expect(opened.equals(SECRET)).toBe(true);
    expect(Buffer.from(sealed.ciphertext).includes(SECRET)).toBe(false);
    expect(totpAt(opened, 0)).toBe(totpAt(SECRET, 0));
  });

  it('rejects a tampered ciphertext', async () => {
    const sealed = await sealTotpSecret(dataKeys, USER, SECRET);
    const ciphertext = Buffer.from(sealed.ciphertext);
    ciphertext[0] = ciphertext[0]! ^ 1;

    await expect(openTotpSecret(dataKeys, USER, { ...sealed, ciphertext })).rejects.toThrow(
      /ciphertext_authentication_failed/,
    );
  });

  it('rejects an unknown format version', async () => {
    const sealed = await sealTotpSecret(dataKeys, USER, SECRET);

    await expect(openTotpSecret(dataKeys, USER, { ...sealed, formatVersion: 2 })).rejects.toThrow(
      /unsupported_format_version/,
    );
  });
});
