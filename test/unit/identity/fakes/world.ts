import { totpStepUpVerifier } from '../../../../shared/identity/step-up';
import { attemptThrottle } from '../../../../functions/users/attempt-throttle';
import { login } from '../../../../functions/users/login';
import { newProfile } from '../../../../functions/users/profiles';
import type { Identity } from '../../../../shared/http/identity';
import type { RequestContext } from '../../../../functions/users/security-events';
import type { Notice } from '../../../../shared/mail/mailer';
import { InMemoryAuditLog } from '../../../support/fakes/in-memory-audit-log';
import { FakeTotpDataKeys, InMemoryTotpEnrolments } from '../../../support/fakes/in-memory-totp';
import { FakeCognito } from './fake-cognito';
import {
  InMemoryActivity,
  InMemoryPreferences,
  InMemorySessions,
  InMemoryUsers,
} from './in-memory-stores';
import { InMemoryThrottles } from './in-memory-throttles';

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(private current = new Date('2026-03-01T12:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Sequential, time-ordered-looking UUIDs: later ids sort later. */
export const sequentialIds = () => {
  let n = 0;
  return {
    uuid: () => {
      n += 1;
      return `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
    },
  };
};

export const context: RequestContext = {
  ip: '203.0.113.7',
  userAgent: 'vitest',
  requestId: 'req-1',
};

/** Every port of the identity use cases, faked, wired together. */
export function identityWorld() {
  const clock = new ManualClock();
  const cognito = new FakeCognito(clock);
  const throttles = new InMemoryThrottles();
  const mail: Notice[] = [];
  const totpEnrolments = new InMemoryTotpEnrolments();
  const totpDataKeys = new FakeTotpDataKeys();
  return {
    clock,
    ids: sequentialIds(),
    cognito,
    idp: cognito,
    admin: cognito,
    users: new InMemoryUsers(),
    sessions: new InMemorySessions(),
    activity: new InMemoryActivity(),
    preferences: new InMemoryPreferences(),
    audit: new InMemoryAuditLog(),
    throttles,
    throttle: attemptThrottle(throttles, clock),
    mail,
    mailer: { send: async (notice: Notice) => void mail.push(notice) },
    sessionDays: 30,
    totpIssuer: 'Exchange',
    totpEnrolments,
    totpDataKeys,
    stepUp: totpStepUpVerifier({ enrolments: totpEnrolments, dataKeys: totpDataKeys, clock }),
  };
}
export type IdentityWorld = ReturnType<typeof identityWorld>;

export const PASSWORD = 'Sturdy-Pass-2026';

/** A confirmed account with its profile, as after sign-up and confirmation. */
export function activeUser(world: IdentityWorld, email = 'u@example.com', groups = ['trader']) {
  const account = world.cognito.seed(email, PASSWORD, groups);
  const at = world.clock.now().toISOString();
  world.users.profiles.set(
    account.userId,
    newProfile({ userId: account.userId, email, username: null, groups, at }),
  );
  return account.userId;
}

/** An active account signed in: its tokens and the identity the authorizer would hand over. */
export async function signedIn(world: IdentityWorld, email = 'u@example.com', groups = ['trader']) {
  const userId = activeUser(world, email, groups);
  const outcome = await login(world, { email, password: PASSWORD }, context);
  if (outcome.kind !== 'signed_in') throw new Error('expected tokens');
  const identity: Identity = {
    userId,
    groups,
    authType: 'jwt',
    scopes: ['read', 'trade'],
    sessionId: outcome.session.sessionId,
  };
  return { userId, session: outcome.session, identity };
}
