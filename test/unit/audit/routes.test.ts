import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createCheckpointRoute as createContract,
  listAuditEventsRoute as listContract,
} from '../../../shared/contracts/audit';
import { apiHandler } from '../../../shared/http/api-handler';
import { createLogger } from '../../../shared/logging/logger';
import type { createCheckpointRoute } from '../../../functions/audit/create-checkpoint.handler';
import type { AuditDeps } from '../../../functions/audit/deps';
import type { listEventsRoute } from '../../../functions/audit/list-events.handler';
import { InMemoryAuditLog } from '../../support/fakes/in-memory-audit-log';
import { httpEvent } from '../../support/http-events';
import {
  FakeSigner,
  InMemoryCheckpointStore,
  InMemoryTrail,
  RecordingArchive,
  entry,
  steppingClock,
} from './support/fakes';

const logger = createLogger('test');
logger.setLogLevel('SILENT');

const caller = (groups: string) => ({
  auth_type: 'jwt',
  user_id: `user-${groups}`,
  groups,
  scopes: '',
});

let deps: AuditDeps;
let routes: {
  list: typeof listEventsRoute;
  create: typeof createCheckpointRoute;
};

beforeAll(async () => {
  vi.stubEnv('AUDIT_TABLE', 'Audit');
  vi.stubEnv('AUDIT_SIGNING_KEY_ID', 'alias/audit-checkpoints');
  const trail = new InMemoryTrail();
  trail.append(entry());
  deps = {
    reader: trail,
    store: new InMemoryCheckpointStore(),
    signer: new FakeSigner(),
    archive: new RecordingArchive(),
    audit: new InMemoryAuditLog(),
    clock: steppingClock(),
    budget: 100,
    logger,
  };
  routes = {
    list: (await import('../../../functions/audit/list-events.handler')).listEventsRoute,
    create: (await import('../../../functions/audit/create-checkpoint.handler'))
      .createCheckpointRoute,
  };
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const context = {} as Context;

describe('audit routes', () => {
  it('let auditors and admins read events', async () => {
    const handler = apiHandler(listContract, routes.list(deps), logger);

    for (const groups of ['auditor,trader', 'admin,trader']) {
      const answer = await handler(httpEvent({ authorizer: caller(groups) }), context);
      expect(answer.statusCode, groups).toBe(200);
      expect(JSON.parse(answer.body).data.items).toHaveLength(1);
    }
  });

  it('refuse a trader with 403 and record nothing', async () => {
    const handler = apiHandler(listContract, routes.list(deps), logger);
    const audit = deps.audit as InMemoryAuditLog;
    const before = audit.entries.length;

    const answer = await handler(httpEvent({ authorizer: caller('trader') }), context);

    expect(answer.statusCode).toBe(403);
    expect(JSON.parse(answer.body).error.code).toBe('PERMISSION_DENIED');
    expect(audit.entries).toHaveLength(before);
  });

  it('let only admins sign a checkpoint on demand', async () => {
    const handler = apiHandler(createContract, routes.create(deps), logger);

    const byAuditor = await handler(
      httpEvent({ method: 'POST', authorizer: caller('auditor') }),
      context,
    );
    const byAdmin = await handler(
      httpEvent({ method: 'POST', authorizer: caller('admin') }),
      context,
    );

    expect(byAuditor.statusCode).toBe(403);
    expect(byAdmin.statusCode).toBe(201);
    expect(JSON.parse(byAdmin.body).data.chains).toHaveLength(8);
  });
});
