import { describe, expect, it } from 'vitest';
import { searchUsersQuerySchema } from '../../../shared/contracts/identity-admin';

describe('the admin user search query', () => {
  it('refuses a created_from later than its created_to as instants, though not as text', () => {
    const result = searchUsersQuerySchema.safeParse({
      created_from: '2026-01-01T00:00:00.5Z',
      created_to: '2026-01-01T00:00:00Z',
    });

    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['created_from']]);
  });

  it('hands the store millisecond times, so a bound without fractions includes its instant', () => {
    const result = searchUsersQuerySchema.parse({
      created_from: '2026-01-01T00:00:00Z',
      created_to: '2026-01-01T00:00:01.5Z',
    });

    expect([result.created_from, result.created_to]).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:01.500Z',
    ]);
  });
});
