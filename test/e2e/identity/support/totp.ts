import { base32Decode, totpAt } from '../../../../shared/identity/totp';

/**
 * RFC 6238 TOTP (HMAC-SHA-1, 30 s steps, 6 digits) of a base32 secret, as authenticator apps
 * compute it: the API's own implementation (`shared/identity/totp.ts`), checked against the RFC
 * vectors in `test/unit/identity/totp.test.ts`.
 */
export function totp(secret: string, atMs: number = Date.now()): string {
  return totpAt(base32Decode(secret), atMs);
}

/**
 * A code a step-up accepts after the codes current at `usedAtMs` were spent (by a sign-in or
 * confirm-2fa): waits into the next 30 s step, then answers the step after it (valid within
 * the ±1 step window and newer than every spent one). Waits at most one step.
 */
export async function codeAfterSpent(secret: string, usedAtMs: number): Promise<string> {
  const nextStepAt = (Math.floor(usedAtMs / 30_000) + 1) * 30_000;
  const wait = nextStepAt - Date.now() + 100;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (Date.now() % 30_000 > 25_000) await new Promise((resolve) => setTimeout(resolve, 6_000));
  return totp(secret, Date.now() + 30_000);
}
