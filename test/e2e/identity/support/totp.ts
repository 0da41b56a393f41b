import { base32Decode, totpAt } from '../../../../shared/identity/totp';

/**
 * RFC 6238 TOTP (HMAC-SHA-1, 30 s steps, 6 digits) of a base32 secret, as authenticator apps
 * compute it: the API's own implementation (`shared/identity/totp.ts`), checked against the RFC
 * vectors in `test/unit/identity/totp.test.ts`.
 */
export function totp(secret: string, atMs: number = Date.now()): string {
  return totpAt(base32Decode(secret), atMs);
}
