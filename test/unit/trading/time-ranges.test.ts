import { describe, expect, it } from 'vitest';
import { listOrdersQuery, orderSubsetQuery } from '../../../shared/contracts/trading';
import { accountTradesQuery, ledgerQuery } from '../../../shared/contracts/trading-account';

const schemas = { listOrdersQuery, orderSubsetQuery, accountTradesQuery, ledgerQuery };

describe('history time ranges', () => {
  it.each(Object.entries(schemas))(
    '%s refuses a from later than its to as instants, though not as text',
    (_, schema) => {
      const result = schema.safeParse({
        from: '2026-01-01T00:00:00.5Z',
        to: '2026-01-01T00:00:00Z',
      });

      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['from']]);
    },
  );

  it.each(Object.entries(schemas))(
    '%s accepts a from earlier than its to written with fewer fraction digits',
    (_, schema) => {
      const result = schema.safeParse({
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-01T00:00:00.5Z',
      });

      expect(result.success).toBe(true);
    },
  );
});
