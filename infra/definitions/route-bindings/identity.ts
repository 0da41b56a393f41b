import { TOTP_KMS_PURPOSE } from '../../../shared/identity/totp-envelope';
import type { Access, RouteBinding } from '../routes';

/**
 * Least privilege per identity route. Every function reads the user pool's ids; Cognito's
 * user-facing calls (SignUp, InitiateAuth, ChangePassword, …) are authorised by the app client
 * or the caller's own token and need no IAM action, so `userPool` lists only the `Admin*`
 * actions a function really makes. Functions that record security events append to the audit
 * trail (`append`: new records and chain heads only); functions that throttle guesses read and
 * write the RateLimits table.
 */
const audit = 'append' as const;

/** Reads the caller's own items only. */
const reader = { tables: { users: 'read' }, userPool: [] } as const satisfies Access;

/** Writes the caller's own items and the audit trail. */
const writer = { tables: { users: 'readwrite', audit }, userPool: [] } as const satisfies Access;

/** Sign-in style routes: sessions, audit and the guess throttle. */
const guarded = {
  tables: { users: 'readwrite', audit, rateLimits: 'readwrite' },
  userPool: [],
} as const satisfies Access;

/**
 * enable-2fa seals the new TOTP secret (envelope: `GenerateDataKey` on the MFA key, bound to the
 * `totp` purpose) into the Users table; it can never unwrap one. confirm-2fa only activates that
 * item: `guarded` already writes the Users table.
 */
const enrolling = {
  ...guarded,
  keys: { mfa: ['GenerateDataKey'] },
  kmsPurpose: TOTP_KMS_PURPOSE,
} as const satisfies Access;

/**
 * disable-2fa checks the code against the sealed secret when Cognito signs in without asking
 * for one: it unwraps (`Decrypt`, `totp` purpose) but never seals.
 */
const disabling = {
  ...guarded,
  keys: { mfa: ['Decrypt'] },
  kmsPurpose: TOTP_KMS_PURPOSE,
} as const satisfies Access;

const officer = (actions: readonly string[]) =>
  ({ tables: { users: 'readwrite', audit }, userPool: actions }) as const satisfies Access;

const users = (name: string): string => `functions/users/${name}.handler.ts`;
const admin = (name: string): string => `functions/admin/${name}.handler.ts`;

type Binding = [RouteBinding['method'], string, string, RouteBinding['auth'], Access];

const table: readonly Binding[] = [
  [
    'POST',
    '/api/auth/register',
    users('register'),
    'public',
    {
      ...guarded,
      userPool: ['AdminGetUser', 'AdminDeleteUser'],
      mail: 'send',
    },
  ],
  [
    'POST',
    '/api/auth/confirm',
    users('confirm'),
    'public',
    {
      ...guarded,
      userPool: ['AdminGetUser', 'AdminAddUserToGroup'],
    },
  ],
  ['POST', '/api/auth/login', users('login'), 'public', guarded],
  ['POST', '/api/auth/verify-2fa', users('verify-2fa'), 'public', guarded],
  [
    'POST',
    '/api/auth/refresh',
    users('refresh'),
    'public',
    { tables: { users: 'readwrite' }, userPool: [] },
  ],
  ['POST', '/api/auth/logout', users('logout'), 'user', writer],
  ['POST', '/api/auth/change-password', users('change-password'), 'user', guarded],
  ['POST', '/api/auth/forgot-password', users('forgot-password'), 'public', guarded],
  ['POST', '/api/auth/reset-password', users('reset-password'), 'public', guarded],
  ['POST', '/api/auth/enable-2fa', users('enable-2fa'), 'user', enrolling],
  ['POST', '/api/auth/confirm-2fa', users('confirm-2fa'), 'user', guarded],
  ['POST', '/api/auth/disable-2fa', users('disable-2fa'), 'user', disabling],
  ['GET', '/api/auth/profile', users('get-profile'), 'user', reader],
  ['PUT', '/api/auth/profile', users('update-profile'), 'user', writer],
  ['GET', '/api/users/me/preferences', users('get-preferences'), 'user', reader],
  [
    'PUT',
    '/api/users/me/preferences',
    users('update-preferences'),
    'user',
    {
      tables: { users: 'readwrite' },
      userPool: [],
    },
  ],
  ['GET', '/api/users/me/sessions', users('list-sessions'), 'user', reader],
  ['DELETE', '/api/users/me/sessions/{id}', users('revoke-session'), 'user', writer],
  ['DELETE', '/api/users/me/sessions', users('revoke-sessions'), 'user', writer],
  ['GET', '/api/users/me/activity', users('list-activity'), 'user', reader],
  ['GET', '/api/admin/users', admin('search-users'), 'user', reader],
  ['GET', '/api/admin/users/{id}', admin('get-user'), 'user', reader],
  [
    'PUT',
    '/api/admin/users/{id}/status',
    admin('set-status'),
    'user',
    officer(['AdminDisableUser', 'AdminEnableUser', 'AdminUserGlobalSignOut']),
  ],
  ['PUT', '/api/admin/users/{id}/kyc', admin('set-kyc'), 'user', officer([])],
  [
    'PUT',
    '/api/admin/users/{id}/groups',
    admin('set-groups'),
    'user',
    officer(['AdminAddUserToGroup', 'AdminRemoveUserFromGroup']),
  ],
];

/** The identity context's routes: sign-up to sessions, the caller's account, admin. */
/** Sign-in and sign-up are limited per IP (`shared/http/rate-limit.ts`). */
const rateClasses: Readonly<Record<string, RouteBinding['rateClass']>> = {
  '/api/auth/login': 'login',
  '/api/auth/register': 'register',
};

export const identityRoutes: readonly RouteBinding[] = table.map(
  ([method, path, entry, auth, access]) => ({
    method,
    path,
    entry,
    auth,
    access,
    ...(rateClasses[path] === undefined ? {} : { rateClass: rateClasses[path] }),
  }),
);
