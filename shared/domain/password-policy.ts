import dumbPasswords from 'dumb-passwords';

/**
 * The password policy, checked before Cognito sees a password so every violation is reported
 * as a field error the app can show: at least 12 characters (at most 256, Cognito's limit),
 * lower case, upper case and a digit, not one of the 10 000 most common passwords — also not
 * when dressed up with digits or symbols around a common word ("Password2024!") — and not built
 * on the account's own email name. Offline: no network call, ever.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const MIN_MEANINGFUL_CORE = 4;

const isCommon = (password: string): boolean => {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  return (
    dumbPasswords.check(lower) || (core.length >= MIN_MEANINGFUL_CORE && dumbPasswords.check(core))
  );
};

/**
 * The rules a password breaks, as client-safe sentences that never repeat the password;
 * empty when it is acceptable. `email` (when known) rejects passwords containing its local part.
 */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  }
  if (!/[a-z]/.test(password)) problems.push('Must contain a lower-case letter');
  if (!/[A-Z]/.test(password)) problems.push('Must contain an upper-case letter');
  if (!/[0-9]/.test(password)) problems.push('Must contain a digit');
  if (password !== password.trim()) problems.push('Must not start or end with a space');
  if (isCommon(password)) problems.push('Is too common; choose a less predictable password');
  const name = email?.split('@')[0]?.toLowerCase();
  if (name !== undefined && name.length >= MIN_MEANINGFUL_CORE) {
    if (password.toLowerCase().includes(name)) problems.push('Must not contain your email name');
  }
  return problems;
}
