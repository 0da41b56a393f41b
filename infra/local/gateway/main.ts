import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '../../../shared/config/load-config';
import { rateClassesOf, routes } from '../../definitions/routes';
import { closeOnShutdown } from '../child';
import { createGateway } from './server';

const config = loadConfig(
  z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    LOCAL_MAILBOX_DIR: z.string().optional(),
    CORS_ORIGINS: z.string().default('http://localhost:5173,http://127.0.0.1:5173'),
    GATEWAY_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    GATEWAY_ACCESS_LOG: z.enum(['true', 'false']).default('true'),
    GATEWAY_TRUST_FORWARDED_FOR: z.enum(['true', 'false']).default('true'),
  }),
);

/**
 * What the CDK stack gives every function, the gateway gives the handlers it hosts: the route
 * classes from the route table. Requests straight from this machine's loopback get 1000 times
 * the limits unless `RATE_LIMIT_MULTIPLIERS` says otherwise (`RATE_LIMIT_MULTIPLIERS=` for the
 * real ones): one developer and the test suite sign in far more often than 10 times an hour.
 * Clients named by `X-Forwarded-For` get the documented limits.
 */
process.env.RATE_CLASSES ??= rateClassesOf(routes);
process.env.RATE_LIMIT_MULTIPLIERS ??= '127.0.0.1=1000,::1=1000';

const log = (entry: Record<string, unknown>): void => {
  if (config.GATEWAY_ACCESS_LOG === 'true' || entry['level'] !== 'INFO') {
    process.stdout.write(`${JSON.stringify({ service: 'gateway', ...entry })}\n`);
  }
};

const server = createGateway({
  repoRoot: resolve(dirname(fileURLToPath(import.meta.url)), '../../..'),
  maxBodyBytes: config.GATEWAY_MAX_BODY_BYTES,
  corsOrigins: config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean),
  mailboxDir: config.LOCAL_MAILBOX_DIR,
  log,
  trustForwardedFor: config.GATEWAY_TRUST_FORWARDED_FOR === 'true',
});

server.listen(config.PORT, config.HOST, () => {
  log({ level: 'INFO', message: `API listening on http://${config.HOST}:${config.PORT}/api` });
});

closeOnShutdown(
  () =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }),
);
