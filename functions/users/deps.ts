import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { AuditLog } from '../../shared/audit/audit-log';
import { createAuditLog } from '../../shared/audit/create-audit-log';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients';
import { dynamoTotpEnrolments } from '../../shared/aws/dynamo-totp-enrolments';
import { createTotpStepUp } from '../../shared/aws/totp-step-up';
import { kmsTotpDataKeys } from '../../shared/aws/kms-totp-data-keys';
import { ConfigError, loadConfig } from '../../shared/config/load-config';
import type { StepUpVerifier } from '../../shared/identity/step-up';
import type { TotpEnrolmentStore } from '../../shared/identity/totp-enrolments';
import type { TotpDataKeys } from '../../shared/identity/totp-envelope';
import { fileMailer } from '../../shared/mail/file-mailer';
import type { Mailer } from '../../shared/mail/mailer';
import { attemptThrottle, type AttemptThrottle } from './attempt-throttle';
import { sesMailer } from './aws-ses-mailer';
import { cognitoIdentityAdmin } from './cognito-identity-admin';
import { cognitoIdentityProvider } from './cognito-identity-provider';
import {
  coreConfigSchema,
  mailConfigSchema,
  throttleConfigSchema,
  totpKeyConfigSchema,
  type CoreConfig,
} from './config';
import { dynamoActivityLog } from './dynamo-activity-log';
import { dynamoPreferencesStore } from './dynamo-preferences-store';
import { dynamoSessionStore } from './dynamo-session-store';
import { dynamoThrottleStore } from './dynamo-throttle-store';
import { dynamoUserDirectory } from './dynamo-user-directory';
import { dynamoUserRepository } from './dynamo-user-repository';
import type { IdentityAdmin, IdentityProvider } from './identity-provider';
import type {
  ActivityLog,
  Clock,
  IdGenerator,
  PreferencesStore,
  SessionStore,
  ThrottleStore,
  UserDirectory,
  UserRepository,
} from './ports';
import { uuidV7Generator } from './uuid-v7';

/** What every identity function (users and admin) is built from. */
export interface IdentityCore {
  readonly config: CoreConfig;
  readonly clients: AwsClients;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly users: UserRepository;
  readonly directory: UserDirectory;
  readonly sessions: SessionStore;
  readonly activity: ActivityLog;
  readonly preferences: PreferencesStore;
  readonly idp: IdentityProvider;
  readonly admin: IdentityAdmin;
  readonly sessionDays: number;
  readonly totpIssuer: string;
}

export const systemClock: Clock = { now: () => new Date() };

let core: IdentityCore | undefined;

/**
 * Composition root of the identity functions, built once per cold start. The adapters are
 * cheap objects over lazily created clients, so a function pays only for the clients it calls;
 * the configuration it needs is checked here, at start.
 */
export function identityCore(): IdentityCore {
  if (core !== undefined) return core;
  const config = loadConfig(coreConfigSchema);
  const clients = createAwsClients();
  const ref = { documents: clients.documents, table: config.USERS_TABLE };
  const ids = uuidV7Generator;
  core = {
    config,
    clients,
    clock: systemClock,
    ids,
    users: dynamoUserRepository(ref, ids),
    directory: dynamoUserDirectory(ref),
    sessions: dynamoSessionStore(ref),
    activity: dynamoActivityLog(ref),
    preferences: dynamoPreferencesStore(ref),
    idp: cognitoIdentityProvider(clients.cognito, config.USER_POOL_CLIENT_ID),
    admin: cognitoIdentityAdmin(clients.cognito, config.USER_POOL_ID),
    sessionDays: config.SESSION_DAYS,
    totpIssuer: config.TOTP_ISSUER,
  };
  return core;
}

/** The audit writer (the Audit table), for functions that record security events. */
export function auditDeps(base: IdentityCore): { audit: AuditLog } {
  return { audit: createAuditLog(base.clients) };
}

/** The failure counters (RateLimits table) and the guess throttle built on them. */
export function throttleDeps(base: IdentityCore): {
  throttles: ThrottleStore;
  throttle: AttemptThrottle;
} {
  const config = loadConfig(throttleConfigSchema);
  const throttles = dynamoThrottleStore({
    documents: base.clients.documents,
    table: config.RATE_LIMITS_TABLE,
  });
  return { throttles, throttle: attemptThrottle(throttles, base.clock) };
}

/** The TOTP enrolment item (Users table): confirm-2fa activates it, disable-2fa deletes it. */
export function totpEnrolmentDeps(base: IdentityCore): { totpEnrolments: TotpEnrolmentStore } {
  return { totpEnrolments: dynamoTotpEnrolments(base.clients.documents, base.config.USERS_TABLE) };
}

/** Plus the MFA key's data keys, for enable-2fa, which seals the new secret. */
export function totpSealingDeps(base: IdentityCore): {
  totpEnrolments: TotpEnrolmentStore;
  totpDataKeys: TotpDataKeys;
} {
  const { MFA_KEY_ID } = loadConfig(totpKeyConfigSchema);
  return {
    ...totpEnrolmentDeps(base),
    totpDataKeys: kmsTotpDataKeys(base.clients.kms, MFA_KEY_ID),
  };
}

/** The step-up verifier over the sealed secrets, for disable-2fa (`Decrypt` on the MFA key). */
export function stepUpDeps(base: IdentityCore): { stepUp: StepUpVerifier } {
  const { MFA_KEY_ID } = loadConfig(totpKeyConfigSchema);
  return {
    stepUp: createTotpStepUp(base.clients, { USERS_TABLE: base.config.USERS_TABLE, MFA_KEY_ID }),
  };
}

/** The local mailbox when one is configured (local mode), else SES. */
export function mailerDeps(): Mailer {
  const { LOCAL_MAILBOX_DIR: dir, MAIL_FROM: from } = loadConfig(mailConfigSchema);
  if (dir !== undefined) return fileMailer(dir);
  if (from !== undefined) return sesMailer(new SESv2Client({}), from);
  throw new ConfigError('invalid configuration: no mailer');
}
