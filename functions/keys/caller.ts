import type { Identity } from '../../shared/http/identity';
import type { Caller } from './ports';

/** The verified caller of a `user` route: ownership comes from the token, never the body. */
export function callerOf(request: {
  readonly identity: Identity;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
}): Caller {
  return {
    userId: request.identity.userId,
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
    requestId: request.requestId,
  };
}
