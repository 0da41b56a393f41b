import { describe, expect, it } from 'vitest';
import { base32Decode, hotp, matchTotp, timeStepAt, totpAt } from '../../../shared/identity/totp';

/** The RFC 4226 / RFC 6238 SHA-1 test secret, ASCII "12345678901234567890". */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP (RFC 4226 appendix D)', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('gives counter %i the code %s', (counter, code) => {
    expect(hotp(RFC_SECRET, counter)).toBe(code);
  });
});

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('gives T = %i s the 8-digit code %s and its last six digits', (seconds, code) => {
    const atMs = seconds * 1000;

    expect(totpAt(RFC_SECRET, atMs, 8)).toBe(code);
    expect(totpAt(RFC_SECRET, atMs)).toBe(code.slice(2));
  });

  it('counts 30-second steps from the epoch', () => {
    expect([timeStepAt(0), timeStepAt(29_999), timeStepAt(30_000), timeStepAt(59_000)]).toEqual([
      0, 0, 1, 1,
    ]);
  });
});

describe('base32 (RFC 4648 section 10)', () => {
  it.each([
    ['', ''],
    ['MY======', 'f'],
    ['MZXQ====', 'fo'],
    ['MZXW6===', 'foo'],
    ['MZXW6YQ=', 'foob'],
    ['MZXW6YTB', 'fooba'],
    ['MZXW6YTBOI======', 'foobar'],
  ])('decodes %s to "%s"', (text, plain) => {
    expect(base32Decode(text).toString('ascii')).toBe(plain);
  });

  it('forgives case, spaces and missing padding as authenticator apps do', () => {
    expect(base32Decode('mzxw 6ytb oi').toString('ascii')).toBe('foobar');
  });

  it('refuses a character outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow(/base32/);
  });
});

describe('matching a code', () => {
  const atMs = 1_111_111_111_000;
  const step = timeStepAt(atMs);

  it('finds the current step and one step either side', () => {
    const codes = [-1, 0, 1].map((offset) => hotp(RFC_SECRET, step + offset));

    expect(codes.map((code) => matchTotp(RFC_SECRET, code, atMs))).toEqual([
      step - 1,
      step,
      step + 1,
    ]);
  });

  it('refuses codes two steps away', () => {
    const codes = [-2, 2].map((offset) => hotp(RFC_SECRET, step + offset));

    expect(codes.map((code) => matchTotp(RFC_SECRET, code, atMs))).toEqual([undefined, undefined]);
  });

  it.each(['', '12345', '1234567', '14050a', ' 14050', '050471\n'])(
    'refuses the malformed code %j',
    (code) => {
      expect(matchTotp(RFC_SECRET, code, atMs)).toBeUndefined();
    },
  );

  it('refuses a right code under another secret', () => {
    const code = totpAt(RFC_SECRET, atMs);

    expect(matchTotp(Buffer.from('another secret, 20 b'), code, atMs)).toBeUndefined();
  });
});
