import { describe, expect, it } from 'vitest';
import { emailSchema, newPasswordSchema } from '../../../shared/contracts/identity-schemas';
import { normaliseGroups } from '../../../shared/domain/identity';
import { passwordProblems } from '../../../shared/domain/password-policy';
import { canTransition, mayAuthenticate } from '../../../shared/domain/user-status';

describe('password policy', () => {
  it('accepts a long mixed password', () => {
    expect(passwordProblems('Correct-Horse-Battery-9')).toEqual([]);
  });

  it('lists every broken rule without repeating the password', () => {
    const problems = passwordProblems('short');

    expect(problems).toEqual(
      expect.arrayContaining([
        'Must be at least 12 characters long',
        'Must contain an upper-case letter',
        'Must contain a digit',
      ]),
    );
    expect(problems.join(' ')).not.toContain('short');
  });

  it('rejects a common word dressed up with digits and symbols', () => {
    expect(passwordProblems('Password2024!')).toContain(
      'Is too common; choose a less predictable password',
    );
    expect(passwordProblems('Summer2024!!!')).toContain(
      'Is too common; choose a less predictable password',
    );
  });

  it('rejects a password built on the email name', () => {
    expect(passwordProblems('Alicewonder42', 'alice@example.com')).toContain(
      'Must not contain your email name',
    );
  });

  it('reports policy failures as zod issues on the field', () => {
    const result = newPasswordSchema.safeParse('alllowercase1');

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(
      'Must contain an upper-case letter',
    );
  });
});

describe('email addresses', () => {
  it('takes at most the 128 characters Cognito allows in a username', () => {
    const address = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;

    expect(emailSchema.safeParse(address(128)).success).toBe(true);
    expect(emailSchema.safeParse(address(129)).success).toBe(false);
  });
});

describe('status lifecycle', () => {
  it('allows ACTIVE ⇄ SUSPENDED and both to CLOSED', () => {
    expect(canTransition('PENDING_VERIFICATION', 'ACTIVE')).toBe(true);
    expect(canTransition('ACTIVE', 'SUSPENDED')).toBe(true);
    expect(canTransition('SUSPENDED', 'ACTIVE')).toBe(true);
    expect(canTransition('ACTIVE', 'CLOSED')).toBe(true);
    expect(canTransition('SUSPENDED', 'CLOSED')).toBe(true);
  });

  it('keeps CLOSED terminal and never reopens verification', () => {
    expect(canTransition('CLOSED', 'ACTIVE')).toBe(false);
    expect(canTransition('ACTIVE', 'PENDING_VERIFICATION')).toBe(false);
    expect(canTransition('PENDING_VERIFICATION', 'SUSPENDED')).toBe(false);
  });

  it('lets only ACTIVE accounts authenticate', () => {
    expect(mayAuthenticate('ACTIVE')).toBe(true);
    expect(mayAuthenticate('SUSPENDED')).toBe(false);
    expect(mayAuthenticate('CLOSED')).toBe(false);
  });

  it('always keeps trader and orders groups canonically', () => {
    expect(normaliseGroups(['compliance', 'admin', 'admin'])).toEqual([
      'trader',
      'admin',
      'compliance',
    ]);
  });
});
