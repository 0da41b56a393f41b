import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WebSocketEvent } from '../../../functions/streams/websocket-event';
import { decodeSegment } from '../gateway/router';
import { newConnectionId, webSocketEvent } from './events';

type Handler = (event: WebSocketEvent) => Promise<{ statusCode?: number } | unknown>;

export interface WsHandlers {
  readonly connect: Handler;
  readonly message: Handler;
  readonly disconnect: Handler;
}

export interface WsGatewayOptions {
  readonly handlers: WsHandlers;
  readonly log: (entry: Record<string, unknown>) => void;
  /** Transport-level ping interval; a peer that misses one is dropped. */
  readonly pingIntervalMs?: number;
}

interface Live {
  readonly socket: WebSocket;
  readonly connectedAt: number;
  readonly sourceIp: string;
  lastActiveAt: number;
  alive: boolean;
}

const CONNECTIONS = /\/@connections\/([^/?]+)$/;

const statusOf = (result: unknown): number =>
  typeof result === 'object' && result !== null && 'statusCode' in result
    ? Number((result as { statusCode?: number }).statusCode ?? 200)
    : 200;

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/**
 * The local stand-in for an API Gateway WebSocket API: upgrades on any path, runs the
 * `$connect` handler first (a non-2xx answer refuses the upgrade with that status), hands each
 * text frame to `$default` and the close to `$disconnect`, one connection's frames in order.
 * It also serves the Management API (`POST`/`GET`/`DELETE /@connections/{id}`) the handlers
 * post through, so the same SDK client works with an endpoint override.
 */
export function createWsGateway(options: WsGatewayOptions): Server {
  const live = new Map<string, Live>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 });
  const { handlers, log } = options;

  const run = async (name: string, handler: Handler, event: WebSocketEvent) => {
    try {
      return await handler(event);
    } catch (error) {
      log({ level: 'ERROR', message: `${name} failed`, error: String(error) });
      return { statusCode: 500 };
    }
  };

  const management = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://local');
    if (url.pathname === '/ready') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ready":true}');
      return;
    }
    const match = CONNECTIONS.exec(url.pathname);
    const connection = match?.[1] === undefined ? undefined : live.get(decodeSegment(match[1]));
    if (match === null) {
      response.writeHead(404).end();
      return;
    }
    if (connection === undefined) {
      response.writeHead(410, { 'content-type': 'application/json' });
      response.end('{"message":"Gone"}');
      return;
    }
    if (request.method === 'POST') {
      const body = await readBody(request);
      connection.socket.send(body.toString('utf8'));
      response.writeHead(200).end();
    } else if (request.method === 'DELETE') {
      connection.socket.close(1000, 'closed by the server');
      response.writeHead(204).end();
    } else {
      const info = {
        ConnectedAt: new Date(connection.connectedAt).toISOString(),
        Identity: { SourceIp: connection.sourceIp },
        LastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(info));
    }
  };

  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://local');
    const connectionId = newConnectionId();
    const connectedAt = Date.now();
    const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const host = request.headers.host ?? '127.0.0.1';
    const base = { connectionId, connectedAt, sourceIp, host };
    const connected = await run(
      '$connect',
      handlers.connect,
      webSocketEvent({ ...base, routeKey: '$connect', query: url.searchParams }),
    );
    const status = statusOf(connected);
    if (status < 200 || status > 299) {
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const entry: Live = {
        socket: ws,
        connectedAt,
        sourceIp,
        lastActiveAt: connectedAt,
        alive: true,
      };
      live.set(connectionId, entry);
      let queue = Promise.resolve();
      ws.on('pong', () => (entry.alive = true));
      ws.on('message', (data, isBinary) => {
        entry.lastActiveAt = Date.now();
        if (isBinary) return;
        const body = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
        queue = queue.then(async () => {
          await run(
            '$default',
            handlers.message,
            webSocketEvent({ ...base, routeKey: '$default', body }),
          );
        });
      });
      ws.on('close', () => {
        live.delete(connectionId);
        queue = queue.then(async () => {
          await run(
            '$disconnect',
            handlers.disconnect,
            webSocketEvent({ ...base, routeKey: '$disconnect' }),
          );
        });
      });
    });
  };

  const server = createServer((request, response) => {
    management(request, response).catch((error: unknown) => {
      log({ level: 'ERROR', message: 'management request failed', error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    upgrade(request, socket, head).catch(() => socket.destroy());
  });
  const pinger = setInterval(() => {
    for (const entry of live.values()) {
      if (!entry.alive) entry.socket.terminate();
      entry.alive = false;
      entry.socket.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  pinger.unref();
  server.on('close', () => {
    clearInterval(pinger);
    for (const entry of live.values()) entry.socket.terminate();
  });
  return server;
}
