import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../shared/logging/logger';
import { REDACTED, isSecretKey, redact } from '../../../shared/logging/redact';

describe('redact', () => {
  it('replaces secret-named values at any depth', () => {
    const input = {
      email: 'a@b.c',
      password: 'hunter2hunter2',
      nested: { api_secret: 's3cr3t', refreshToken: 'r-1', items: [{ 'X-Api-Signature': 'abc' }] },
    };

    expect(redact(input)).toEqual({
      email: 'a@b.c',
      password: REDACTED,
      nested: {
        api_secret: REDACTED,
        refreshToken: REDACTED,
        items: [{ 'X-Api-Signature': REDACTED }],
      },
    });
  });

  it('keeps error codes and ids readable', () => {
    expect(['code', 'requestId', 'user_id', 'orderId'].some(isSecretKey)).toBe(false);
  });
});

describe('createLogger', () => {
  it('writes no secret even when a caller logs one', () => {
    // Arrange
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const logger = createLogger('test');
    // Act
    logger.info('signing in', { email: 'a@b.c', password: 'Correct-Horse-9', session: 'AYABe' });
    spy.mockRestore();
    // Assert
    const output = lines.join('');
    expect(output).toContain('a@b.c');
    expect(output).not.toContain('Correct-Horse-9');
    expect(output).not.toContain('AYABe');
  });
});
