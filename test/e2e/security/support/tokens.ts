import { createHmac } from 'node:crypto';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const parse = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** Forged variants of a real access token, each of which the authorizer must refuse. */
export function forgedTokens(token: string): Record<string, string> {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = parse(payload);
  const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
  const hs256 = (body: Record<string, unknown>) => {
    const head = b64({ alg: 'HS256', typ: 'JWT' });
    const unsigned = `${head}.${b64(body)}`;
    return `${unsigned}.${createHmac('sha256', 'guessed').update(unsigned).digest('base64url')}`;
  };
  return {
    'tampered signature': `${header}.${payload}.${flipped}`,
    'tampered claims (another sub)': `${header}.${b64({ ...claims, sub: 'someone-else' })}.${signature}`,
    'expired (exp in the past)': `${header}.${b64({ ...claims, exp: 1_000_000_000 })}.${signature}`,
    'alg: none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'wrong issuer (self-signed)': hs256({ ...claims, iss: 'https://evil.example' }),
    'wrong audience (other client)': hs256({ ...claims, client_id: 'other-client' }),
  };
}
