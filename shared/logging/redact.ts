/**
 * Redaction by key name: any value stored under a key that names a secret is replaced before
 * it can reach a log line or an audit record. Keys are compared without case, `_` or `-`.
 */
const SECRET_KEYS = new Set([
  'password',
  'newpassword',
  'previouspassword',
  'proposedpassword',
  'secret',
  'apisecret',
  'clientsecret',
  'secretcode',
  'secretkey',
  'apikey',
  'xapikey',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authorization',
  'cookie',
  'setcookie',
  'signature',
  'xapisignature',
  'session',
  'mfacode',
  'totp',
  'otp',
  'otpauthuri',
  'confirmationcode',
  'plaintext',
  'datakey',
  'privatekey',
]);

const SECRET_SUFFIXES = ['password', 'secret', 'token'];

export const REDACTED = '[REDACTED]';

/** True when a value under this key must never be written anywhere readable. */
export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    SECRET_KEYS.has(normalised) || SECRET_SUFFIXES.some((suffix) => normalised.endsWith(suffix))
  );
}

/** A JSON.stringify replacer that redacts secret-named keys at any depth. */
export function redactingReplacer(key: string, value: unknown): unknown {
  if (key !== '' && isSecretKey(key) && value !== undefined && value !== null) return REDACTED;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A deep copy of a JSON-like value with secret-named keys redacted. */
export function redact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, redactingReplacer)) as T;
}
