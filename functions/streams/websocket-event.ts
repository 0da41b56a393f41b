/**
 * The parts of an API Gateway WebSocket event (`$connect`, `$disconnect`, `$default`) the
 * handlers read; the local ws gateway builds the same shape.
 */
export interface WebSocketEvent {
  readonly requestContext: {
    readonly connectionId: string;
    readonly routeKey: string;
    readonly eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
    readonly requestId: string;
    readonly domainName: string;
    readonly stage: string;
    readonly connectedAt: number;
    readonly identity?: { readonly sourceIp: string };
  };
  readonly queryStringParameters?: Record<string, string | undefined> | null;
  readonly headers?: Record<string, string | undefined>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}
