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
  /** The platform API key that signed the request (`api_key` callers only). */
  readonly apiKeyId?: string;
}

/** API Gateway passes authorizer context values as primitives only. */
export type AuthorizerContext = Readonly<Record<string, string>>;

/**
 * Why a request carries no identity; the handler turns it into a 401, or a 403 for a signed
 * request from outside the key's IP allowlist or on a route its scopes do not cover.
 */
export type AnonymousReason =
  | 'missing_token'
  | 'invalid_token'
  | 'revoked'
  | 'inactive_user'
  | 'invalid_api_key'
  | 'timestamp_out_of_window'
  | 'invalid_signature'
  | 'replayed_request'
  | 'ip_not_allowed'
  | 'scope_denied';

const anonymousReasons: readonly AnonymousReason[] = [
  'invalid_token',
  'revoked',
  'inactive_user',
  'invalid_api_key',
  'timestamp_out_of_window',
  'invalid_signature',
  'replayed_request',
  'ip_not_allowed',
  'scope_denied',
];

export function identityToContext(identity: Identity): AuthorizerContext {
  return {
    auth_type: identity.authType,
    user_id: identity.userId,
    groups: identity.groups.join(','),
    scopes: identity.scopes.join(','),
    ...(identity.sessionId === undefined ? {} : { session_id: identity.sessionId }),
    ...(identity.apiKeyId === undefined ? {} : { api_key_id: identity.apiKeyId }),
  };
}

export function anonymousContext(
  reason: AnonymousReason,
  extra: Readonly<Record<string, string>> = {},
): AuthorizerContext {
  return { ...extra, auth_type: 'none', reason };
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
    const apiKeyId = context?.['api_key_id'];
    return {
      identity: {
        userId,
        authType,
        groups: list(context?.['groups'] as string | undefined),
        scopes: list(context?.['scopes'] as string | undefined),
        ...(typeof sessionId === 'string' && sessionId ? { sessionId } : {}),
        ...(authType === 'api_key' && typeof apiKeyId === 'string' ? { apiKeyId } : {}),
      },
    };
  }
  const reason = context?.['reason'];
  return { reason: anonymousReasons.find((r) => r === reason) ?? 'missing_token' };
}
