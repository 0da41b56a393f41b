import { IdentityProviderError, type IdentityFailure } from './identity-provider';

const LIMITS = [
  'LimitExceededException',
  'TooManyRequestsException',
  'TooManyFailedAttemptsException',
];

/**
 * Translates a Cognito failure into a port failure by exception name, per operation (the same
 * name means different things: `InvalidPasswordException` is a wrong password in cognito-local
 * but a policy violation in Cognito). Throttling is always `limit_exceeded`; anything not listed
 * is rethrown unchanged and ends as a 500 with its stack in the log.
 */
export async function translating<T>(
  call: () => Promise<T>,
  table: Readonly<Partial<Record<string, IdentityFailure>>>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const name = (error as { name?: string } | null)?.name ?? '';
    const reason = LIMITS.includes(name) ? 'limit_exceeded' : table[name];
    if (reason !== undefined) throw new IdentityProviderError(reason, { cause: error });
    throw error;
  }
}

/** Every way Cognito says "these credentials do not sign in", collapsed into one. */
export const CREDENTIAL_FAILURES: Readonly<Record<string, IdentityFailure>> = {
  NotAuthorizedException: 'invalid_credentials',
  UserNotFoundException: 'invalid_credentials',
  InvalidPasswordException: 'invalid_credentials',
  PasswordResetRequiredException: 'invalid_credentials',
  UserNotConfirmedException: 'not_confirmed',
};

/** Every way Cognito says "that code is not right". */
export const CODE_FAILURES: Readonly<Record<string, IdentityFailure>> = {
  CodeMismatchException: 'code_mismatch',
  ExpiredCodeException: 'code_mismatch',
  NotAuthorizedException: 'code_mismatch',
  UserNotFoundException: 'code_mismatch',
};
