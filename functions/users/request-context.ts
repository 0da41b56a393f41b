import { AuthenticationError } from '../../shared/domain/errors';
import type { RequestContext } from './security-events';

/** Where a parsed request came from, as the security events record it. */
export function requestContext(request: {
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
}): RequestContext {
  return { ip: request.sourceIp, userAgent: request.userAgent, requestId: request.requestId };
}

/**
 * The caller's own access token, for the Cognito calls that act as the user (password change,
 * TOTP enrolment). The authorizer has already verified it; this only takes it off the header.
 */
export function bearerToken(headers: Readonly<Record<string, string | undefined>>): string {
  const match = /^Bearer (\S+)$/.exec((headers['authorization'] ?? '').trim());
  if (!match?.[1]) throw new AuthenticationError('Authentication is required');
  return match[1];
}
