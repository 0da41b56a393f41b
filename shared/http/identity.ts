/**
 * The verified caller, as the authorizer hands it to every handler. Ownership always comes
 * from here, never from a body or a path.
 */
export interface Identity {
  readonly userId: string;
  readonly groups: readonly string[];
  readonly authType: 'jwt' | 'api_key';
  readonly scopes: readonly string[];
  readonly sessionId?: string;
}

/** API Gateway passes authorizer context values as primitives only. */
export type AuthorizerContext = Readonly<Record<string, string>>;

/** Why a request carries no identity; the handler turns it into a 401. */
export type AnonymousReason = 'missing_token' | 'invalid_token' | 'revoked' | 'inactive_user';

export function identityToContext(identity: Identity): AuthorizerContext {
  return {
    auth_type: identity.authType,
    user_id: identity.userId,
    groups: identity.groups.join(','),
    scopes: identity.scopes.join(','),
    ...(identity.sessionId === undefined ? {} : { session_id: identity.sessionId }),
  };
}

export function anonymousContext(reason: AnonymousReason): AuthorizerContext {
  return { auth_type: 'none', reason };
}

const list = (value: string | undefined): string[] =>
  value === undefined || value === '' ? [] : value.split(',');

/** Reads the identity back from the authorizer context, or the reason there is none. */
export function identityFromContext(
  context: Readonly<Record<string, unknown>> | undefined,
): { identity: Identity } | { reason: AnonymousReason } {
  const authType = context?.['auth_type'];
  const userId = context?.['user_id'];
  if ((authType === 'jwt' || authType === 'api_key') && typeof userId === 'string' && userId) {
    const sessionId = context?.['session_id'];
    return {
      identity: {
        userId,
        authType,
        groups: list(context?.['groups'] as string | undefined),
        scopes: list(context?.['scopes'] as string | undefined),
        ...(typeof sessionId === 'string' && sessionId ? { sessionId } : {}),
      },
    };
  }
  const reason = context?.['reason'];
  const known: readonly AnonymousReason[] = ['invalid_token', 'revoked', 'inactive_user'];
  return { reason: known.find((r) => r === reason) ?? 'missing_token' };
}
