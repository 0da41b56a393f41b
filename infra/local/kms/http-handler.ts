import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch } from './dispatch';
import { KmsError } from './errors';
import type { KeyStore } from './key-store';

const MAX_BODY_BYTES = 1024 * 1024;
const JSON_1_1 = 'application/x-amz-json-1.1';

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  payload: object,
): void {
  const body = JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(body);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) {
    throw new KmsError('ValidationException', `Request body exceeds ${MAX_BODY_BYTES} bytes.`);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new KmsError('SerializationException', 'The request body is not valid JSON.');
  }
}

async function handle(store: KeyStore, request: IncomingMessage, response: ServerResponse) {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method === 'GET' && path === '/health') {
    send(response, 200, 'application/json', { status: 'ok' });
    return;
  }
  if (request.method !== 'POST' || path !== '/') {
    request.resume();
    send(response, 404, 'application/json', { message: 'Not found: KMS answers POST / only.' });
    return;
  }
  try {
    const body = await readJson(request);
    const result = await dispatch(store, request.headers['x-amz-target']?.toString(), body);
    send(response, 200, JSON_1_1, result);
  } catch (error) {
    if (error instanceof KmsError) {
      send(response, error.status, JSON_1_1, { __type: error.type, message: error.message });
      return;
    }
    console.error('local KMS: internal error', error);
    send(response, 500, JSON_1_1, { __type: 'KMSInternalException', message: 'Internal error.' });
  }
}

/**
 * The request listener of the local KMS: `GET /health` for readiness, otherwise the awsJson1_1
 * protocol on `POST /`. SigV4 signatures are not checked: any credentials are accepted.
 */
export function kmsRequestListener(store: KeyStore) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    void handle(store, request, response);
  };
}
