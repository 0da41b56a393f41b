import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ipAllowed, parseAllowlistEntry } from '../../../shared/api-keys/ip-allowlist';
import {
  EMPTY_BODY_SHA256,
  parseRecvWindow,
  parseTimestamp,
  signaturesMatch,
  signRequest,
  stringToSign,
} from '../../../shared/api-keys/signing';

const parts = {
  timestamp: '1764000000000',
  method: 'post',
  path: '/api/orders',
  rawQuery: 'symbol=BTCUSDT',
  bodySha256: EMPTY_BODY_SHA256,
};

describe('request signing', () => {
  it('signs timestamp, upper-case method, path, query with its "?" and the body hash', () => {
    const text = stringToSign(parts);

    expect(text).toBe(`1764000000000POST/api/orders?symbol=BTCUSDT${EMPTY_BODY_SHA256}`);
  });

  it('signs the receive window right after the timestamp when the header is sent', () => {
    expect(stringToSign({ ...parts, recvWindow: '60000' })).toBe(
      `176400000000060000POST/api/orders?symbol=BTCUSDT${EMPTY_BODY_SHA256}`,
    );
    expect(stringToSign({ ...parts, recvWindow: '' })).toBe(stringToSign(parts));
  });

  it('leaves the query out entirely when there is none', () => {
    expect(stringToSign({ ...parts, rawQuery: '' })).toBe(
      `1764000000000POST/api/orders${EMPTY_BODY_SHA256}`,
    );
  });

  it('answers the lowercase hex HMAC-SHA256 of the string to sign', () => {
    const expected = createHmac('sha256', 'secret').update(stringToSign(parts)).digest('hex');

    expect(signRequest('secret', parts)).toBe(expected);
  });

  it('matches signatures regardless of hex case and refuses other lengths', () => {
    const signature = signRequest('secret', parts);

    expect(signaturesMatch(signature, signature.toUpperCase())).toBe(true);
    expect(signaturesMatch(signature, signature.slice(1))).toBe(false);
    expect(signaturesMatch(signature, `${signature.slice(0, -1)}0`)).toBe(signature.endsWith('0'));
  });

  it('defaults the receive window to 5000 ms and refuses one over 60000', () => {
    expect(parseRecvWindow(undefined)).toBe(5000);
    expect(parseRecvWindow('60000')).toBe(60000);
    expect(parseRecvWindow('60001')).toBeUndefined();
    expect(parseRecvWindow('-1')).toBeUndefined();
  });

  it('accepts only millisecond timestamps', () => {
    expect(parseTimestamp('1764000000000')).toBe(1764000000000);
    expect(parseTimestamp('1764000000')).toBeUndefined();
    expect(parseTimestamp('1.764e12')).toBeUndefined();
  });
});

describe('IP allowlist', () => {
  it('allows addresses inside an IPv4 block and refuses those outside', () => {
    expect(ipAllowed(['198.51.100.0/24'], '198.51.100.42')).toBe(true);
    expect(ipAllowed(['198.51.100.0/24'], '198.51.101.1')).toBe(false);
  });

  it('matches single addresses and IPv6 blocks', () => {
    expect(ipAllowed(['203.0.113.9'], '203.0.113.9')).toBe(true);
    expect(ipAllowed(['2001:db8::/32'], '2001:db8::1')).toBe(true);
    expect(ipAllowed(['2001:db8::/32'], '2001:db9::1')).toBe(false);
  });

  it.each(['::/16', '::ffff:0:0/96', '::ffff:0.0.0.0/96'])(
    'never admits an IPv4 caller through the IPv6 entry %s',
    (entry) => {
      expect(
        ['198.51.100.7', '8.8.8.8', '::ffff:8.8.8.8'].map((ip) => ipAllowed([entry], ip)),
      ).toEqual([false, false, false]);
    },
  );

  it('matches an IPv4 caller reported in IPv4-mapped form against IPv4 entries', () => {
    expect(ipAllowed(['198.51.100.0/24'], '::ffff:198.51.100.42')).toBe(true);
    expect(ipAllowed(['198.51.100.0/24'], '::ffff:198.51.101.1')).toBe(false);
  });

  it('allows everyone with an empty list and nobody with a malformed caller address', () => {
    expect(ipAllowed([], '192.0.2.1')).toBe(true);
    expect(ipAllowed(['192.0.2.0/24'], 'not-an-ip')).toBe(false);
  });

  it('refuses malformed entries', () => {
    expect(parseAllowlistEntry('10.0.0.0/33')).toBeUndefined();
    expect(parseAllowlistEntry('10.0.0.0/8/1')).toBeUndefined();
    expect(parseAllowlistEntry('example.com')).toBeUndefined();
  });
});
