import type { Identity } from './identity';

/** Who is asking and from where: ownership is `userId`, from the token; the rest is for audit. */
export interface Caller {
  readonly userId: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
}

/** The verified caller of a `user` route; never read from a body or a path. */
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
