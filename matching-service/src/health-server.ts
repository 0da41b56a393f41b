import { createServer, type Server } from 'node:http';

/** `GET /health` for the container health check and the local launcher. */
export function createHealthServer(
  report: () => { healthy: boolean } & Record<string, unknown>,
): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/health') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'not_found' }));
      return;
    }
    const { healthy, ...details } = report();
    response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: healthy ? 'ok' : 'unhealthy', ...details }));
  });
}
