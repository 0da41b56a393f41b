import { describe, expect, it } from 'vitest';
import {
  createExchangeKeyBody,
  rotateExchangeKeyBody,
  signPayloadBody,
} from '../../../shared/contracts/vault';
import { alphanumeric } from './support/credentials';

const valid = {
  exchange: 'binance',
  label: 'main',
  api_key: alphanumeric(64),
  api_secret: alphanumeric(64),
};

const issues = (result: { success: boolean; error?: { issues: readonly object[] } }) =>
  result.error?.issues ?? [];

describe('exchange key contracts', () => {
  it('accepts Binance keys and secrets of 64 letters or digits, with defaults', () => {
    expect(createExchangeKeyBody.parse(valid)).toMatchObject({
      testnet: false,
      permissions: ['read'],
    });
  });

  it('accepts Bybit keys of 18 and secrets of 36 letters or digits', () => {
    const body = {
      ...valid,
      exchange: 'bybit',
      api_key: alphanumeric(18),
      api_secret: alphanumeric(36),
    };

    expect(createExchangeKeyBody.safeParse(body).success).toBe(true);
  });

  it.each([
    ['a Binance key of 63 characters', { api_key: alphanumeric(63) }],
    ['a Binance secret with a symbol', { api_secret: `${alphanumeric(63)}-` }],
    [
      'Bybit-sized credentials for Binance',
      { api_key: alphanumeric(18), api_secret: alphanumeric(36) },
    ],
    ['Binance-sized credentials for Bybit', { exchange: 'bybit' }],
    ['an unknown exchange', { exchange: 'kraken' }],
    ['a label of 65 characters', { label: 'x'.repeat(65) }],
    ['an empty label', { label: '   ' }],
    ['a label with a control character', { label: 'a\u0007b' }],
    ['an unknown permission', { permissions: ['withdraw'] }],
    ['an unknown field', { user_id: 'someone-else' }],
  ])('refuses %s', (_, change) => {
    expect(createExchangeKeyBody.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('never echoes a refused secret in its messages', () => {
    const secret = `${alphanumeric(60)}!!!!`;

    const result = createExchangeKeyBody.safeParse({ ...valid, api_secret: secret });

    expect(JSON.stringify(issues(result))).not.toContain(secret);
  });

  it('normalises declared permissions to a sorted set', () => {
    const body = createExchangeKeyBody.parse({ ...valid, permissions: ['trade', 'read', 'trade'] });

    expect(body.permissions).toEqual(['read', 'trade']);
  });

  it('rotates key and secret only together', () => {
    const result = rotateExchangeKeyBody.safeParse({ api_key: alphanumeric(64) });

    expect(issues(result)).toEqual([expect.objectContaining({ path: ['api_secret'] })]);
  });

  it('refuses a rotation that changes nothing', () => {
    expect(rotateExchangeKeyBody.safeParse({}).success).toBe(false);
  });

  it('bounds the payload to sign', () => {
    expect(signPayloadBody.safeParse({ payload: '' }).success).toBe(false);
    expect(signPayloadBody.safeParse({ payload: 'x'.repeat(8193) }).success).toBe(false);
    expect(signPayloadBody.safeParse({ payload: 'x'.repeat(8192) }).success).toBe(true);
  });
});
