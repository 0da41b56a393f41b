import { describe, expect, it } from 'vitest';
import {
  BalanceUnderflowError,
  balanceWrites,
  emptyBalance,
  type TransactPut,
  type TransactUpdate,
} from '../../../shared/trading/balance-writes';
import { balanceShard, BALANCE_SHARDS } from '../../../shared/trading/keys';
import { idTimeBound, uuidV7, uuidV7Time } from '../../../shared/trading/ids';
import { decodeCursor, encodeCursor } from '../../../shared/aws/page-cursor';
import { mergeNewestFirst, type MergeSource } from '../../../functions/admin-trading/merge-pages';

const at = '2026-03-01T12:00:00.000Z';
const ref = { type: 'ORDER' as const, id: 'o-1' };

describe('balanceWrites', () => {
  it('creates a new balance with a put and one ledger entry per change, each with its balance after', () => {
    const { items, after } = balanceWrites(
      'Trading',
      emptyBalance('u', 'USDT'),
      [
        { entryId: 'd', type: 'DEPOSIT', availableDelta: 100n, lockedDelta: 0n, reference: ref },
        {
          entryId: 'l',
          type: 'ORDER_LOCK',
          availableDelta: -30n,
          lockedDelta: 30n,
          reference: ref,
        },
      ],
      at,
    );

    const [balance, deposit, lock] = items as [TransactPut, TransactPut, TransactPut];
    expect(balance.Put.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(balance.Put.Item).toMatchObject({ available: 70n, locked: 30n, version: 1n });
    expect(deposit.Put.Item).toMatchObject({ amount: 100n, balance_after: 100n });
    expect(lock.Put.Item).toMatchObject({
      amount: 0n,
      available_change: -30n,
      locked_change: 30n,
      available_after: 70n,
      locked_after: 30n,
      balance_after: 100n,
    });
    expect(after).toMatchObject({ available: 70n, locked: 30n, version: 1n });
  });

  it('updates an existing balance only at the version it read', () => {
    const snapshot = { userId: 'u', asset: 'BTC', available: 5n, locked: 1n, version: 7n };

    const { items } = balanceWrites(
      'Trading',
      snapshot,
      [{ entryId: 'x', type: 'ADJUSTMENT', availableDelta: -5n, lockedDelta: 0n, reference: ref }],
      at,
    );

    const update = items[0] as TransactUpdate;
    expect(update.Update.ConditionExpression).toBe('version = :read');
    expect(update.Update.ExpressionAttributeValues).toMatchObject({
      ':read': 7n,
      ':next': 8n,
      ':available': 0n,
      ':locked': 1n,
    });
  });

  it('refuses a change that takes either part below zero', () => {
    expect(() =>
      balanceWrites(
        'Trading',
        emptyBalance('u', 'BTC'),
        [
          {
            entryId: 'x',
            type: 'ORDER_LOCK',
            availableDelta: -1n,
            lockedDelta: 1n,
            reference: ref,
          },
        ],
        at,
      ),
    ).toThrow(BalanceUnderflowError);
  });

  it('spreads balance shards over the whole range', () => {
    const shards = new Set(Array.from({ length: 500 }, (_, i) => balanceShard(`user-${i}`)));

    expect(shards.size).toBe(BALANCE_SHARDS);
  });
});

describe('time-ordered ids', () => {
  it('sort by creation time and bound a time range', () => {
    const early = uuidV7(1_700_000_000_000);
    const late = uuidV7(1_700_000_000_001);

    expect(early < late).toBe(true);
    expect(uuidV7Time(late)).toBe(1_700_000_000_001);
    expect(idTimeBound(1_700_000_000_001, 'lower') <= late).toBe(true);
    expect(idTimeBound(1_700_000_000_000, 'upper') > early).toBe(true);
    expect(idTimeBound(1_700_000_000_000, 'upper') < late).toBe(true);
  });
});

describe('cursors', () => {
  it('round-trips a key and refuses one that points into another partition', () => {
    const cursor = encodeCursor({ pk: 'ACCOUNT#a', sk: 'ORDER#1' })!;

    expect(decodeCursor(cursor, ['pk', 'sk'], { name: 'pk', value: 'ACCOUNT#a' })).toEqual({
      pk: 'ACCOUNT#a',
      sk: 'ORDER#1',
    });
    expect(() => decodeCursor(cursor, ['pk', 'sk'], { name: 'pk', value: 'ACCOUNT#b' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    expect(() => decodeCursor('%%%', ['pk', 'sk'], { name: 'pk', value: 'x' })).toThrow();
    expect(() =>
      decodeCursor(encodeCursor({ pk: 'ACCOUNT#a', sk: 1 })!, ['pk', 'sk'], {
        name: 'pk',
        value: 'ACCOUNT#a',
      }),
    ).toThrow();
  });

  it('refuses an index cursor whose table keys are empty, which DynamoDB would refuse', () => {
    const forged = encodeCursor({ pk: '', sk: '', gsi1pk: 'OPEN#a', gsi1sk: 'ORDER#1' })!;

    expect(() =>
      decodeCursor(forged, ['pk', 'sk', 'gsi1pk', 'gsi1sk'], { name: 'gsi1pk', value: 'OPEN#a' }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
  });
});

describe('mergeNewestFirst', () => {
  const source = (name: string, keys: string[]): MergeSource => ({
    name,
    fetch: async (start, limit) => {
      const from = start === undefined ? 0 : keys.indexOf(String(start['sk'])) + 1;
      const items = keys.slice(from, from + limit).map((sk) => ({ sk, name }));
      const more = from + limit < keys.length;
      return { items, lastKey: more ? { sk: items.at(-1)!.sk } : undefined };
    },
  });

  it('pages through several newest-first sources without skipping or repeating', async () => {
    const sources = [source('A', ['9', '7', '5', '3', '1']), source('B', ['8', '6', '4'])];
    const seen: string[] = [];
    let cursor: string | undefined;

    do {
      const page = await mergeNewestFirst(
        sources,
        3,
        cursor,
        (i) => String(i['sk']),
        (i) => ({ sk: String(i['sk']) }),
      );
      seen.push(...page.items.map((i) => String(i['sk'])));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);

    expect(seen).toEqual(['9', '8', '7', '6', '5', '4', '3', '1']);
  });

  it('moves past rows a filter excluded when a source answers with none', async () => {
    const keys = ['9', '8', '7', '6', '5', '4', '3', '2', '1'];
    const filtered: MergeSource = {
      name: 'A',
      fetch: async (start, limit) => {
        const from = start === undefined ? 0 : keys.indexOf(String(start['sk'])) + 1;
        const evaluated = keys.slice(from, from + limit);
        const more = from + limit < keys.length;
        const items = evaluated.filter((sk) => sk === '2').map((sk) => ({ sk }));
        return { items, lastKey: more ? { sk: evaluated.at(-1)! } : undefined };
      },
    };
    const seen: string[] = [];
    let cursor: string | undefined;

    for (let page = 0; page < 10; page += 1) {
      const merged = await mergeNewestFirst(
        [filtered],
        2,
        cursor,
        (i) => String(i['sk']),
        (i) => ({ sk: String(i['sk']) }),
      );
      seen.push(...merged.items.map((i) => String(i['sk'])));
      if (merged.nextCursor === null) break;
      cursor = merged.nextCursor;
    }

    expect(seen).toEqual(['2']);
  });
});
