import { describe, expect, it } from 'vitest';
import { withinSortKeyRange } from '../../../shared/aws/key-range';

describe('withinSortKeyRange', () => {
  it('admits a sort key with the prefix and refuses others or a missing key', () => {
    const range = { name: 'sk', prefix: 'ORDER#' };

    expect(withinSortKeyRange({ sk: 'ORDER#1' }, range)).toBe(true);
    expect(withinSortKeyRange({ sk: 'LEDGER#1' }, range)).toBe(false);
    expect(withinSortKeyRange({ pk: 'ORDER#1' }, range)).toBe(false);
    expect(withinSortKeyRange({ sk: 7 }, range)).toBe(false);
  });

  it('admits a sort key between inclusive bounds and refuses one outside', () => {
    const range = { name: 'gsi1sk', lower: 'ORDER#b', upper: 'ORDER#d' };

    expect(withinSortKeyRange({ gsi1sk: 'ORDER#b' }, range)).toBe(true);
    expect(withinSortKeyRange({ gsi1sk: 'ORDER#d' }, range)).toBe(true);
    expect(withinSortKeyRange({ gsi1sk: 'ORDER#a' }, range)).toBe(false);
    expect(withinSortKeyRange({ gsi1sk: 'ORDER#e' }, range)).toBe(false);
  });
});
