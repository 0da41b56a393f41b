import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/audit-log';
import type { AuditRecord } from '../../../shared/audit/audit-record';
import type { EventFilter } from '../../../functions/audit/ports';
import { auditWorld, type AuditWorld } from './support';

let world: AuditWorld;
let written: AuditRecord[];

const event = (i: number): AuditEntry => ({
  actor: { type: i % 5 === 0 ? 'admin' : 'user', id: `user-${i % 3}` },
  action: i % 4 === 0 ? 'balance.adjusted' : 'order.placed',
  resource: { type: 'order', id: `order-${i % 6}` },
  result: i % 7 === 0 ? 'denied' : 'success',
  details: { i },
});

async function everyPage(filter: EventFilter, limit: number): Promise<AuditRecord[]> {
  const all: AuditRecord[] = [];
  let before: string | undefined;
  do {
    const page = await world.reader.list({ filter, limit, ...(before ? { before } : {}) });
    all.push(...page.items);
    before = page.before;
  } while (before !== undefined);
  return all;
}

const newestFirst = (records: AuditRecord[]) =>
  [...records].sort((a, b) => (a.id < b.id ? 1 : -1)).map((r) => r.id);

beforeAll(async () => {
  world = await auditWorld();
  written = await Promise.all(Array.from({ length: 60 }, (_, i) => world.writer.append(event(i))));
});

describe('listing audit records from DynamoDB', () => {
  it('pages through all chains newest first, each record exactly once', async () => {
    const all = await everyPage({}, 7);

    expect(all.map((r) => r.id)).toEqual(newestFirst(written));
  });

  it('filters by actor through its index', async () => {
    const all = await everyPage({ actorId: 'user-1' }, 5);

    expect(all.map((r) => r.id)).toEqual(
      newestFirst(written.filter((r) => r.actor.id === 'user-1')),
    );
  });

  it('filters by resource, action and result together', async () => {
    const filter = { resourceType: 'order', resourceId: 'order-0', action: 'balance.adjusted' };

    const all = await everyPage(filter, 3);

    const expected = written.filter(
      (r) => r.resource.id === 'order-0' && r.action === 'balance.adjusted',
    );
    expect(all.map((r) => r.id)).toEqual(newestFirst(expected));
    expect(all.length).toBeGreaterThan(0);
  });

  it('filters by result across chains', async () => {
    const all = await everyPage({ result: 'denied' }, 4);

    expect(all.map((r) => r.id)).toEqual(newestFirst(written.filter((r) => r.result === 'denied')));
  });

  it('keeps to an inclusive time range', async () => {
    const sorted = [...written].sort((a, b) => (a.id < b.id ? -1 : 1));
    const from = sorted[10]!.at;
    const to = sorted[40]!.at;

    const all = await everyPage({ from, to }, 100);

    expect(all.map((r) => r.id)).toEqual(
      newestFirst(written.filter((r) => r.at >= from && r.at <= to)),
    );
  });

  it('finds a record by its id', async () => {
    const target = written[17]!;

    expect(await world.reader.get(target.id)).toEqual(target);
    expect(await world.reader.get('20200101T000000000Z-01-000000000001')).toBeUndefined();
  });
});
