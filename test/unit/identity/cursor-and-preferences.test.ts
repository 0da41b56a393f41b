import { describe, expect, it } from 'vitest';
import { getPreferences, updatePreferences } from '../../../functions/users/account';
import { decodeCursor, encodeCursor, TABLE_KEYS } from '../../../shared/aws/page-cursor';
import { uuidV7 } from '../../../functions/users/uuid-v7';
import {
  defaultPreferences,
  preferencesUpdateSchema,
} from '../../../shared/contracts/identity-preferences';
import { idSchema } from '../../../shared/contracts/identity-schemas';
import { ValidationError } from '../../../shared/domain/errors';
import { identityWorld, signedIn } from './fakes/world';

describe('cursors', () => {
  it('round-trips a key of the expected partition', () => {
    const key = { pk: 'USER#a', sk: 'SESSION#1' };

    expect(
      decodeCursor(encodeCursor(key) ?? undefined, TABLE_KEYS, { name: 'pk', value: 'USER#a' }),
    ).toEqual(key);
  });

  it("refuses a cursor forged for another user's partition", () => {
    const forged = encodeCursor({ pk: 'USER#b', sk: 'SESSION#1' }) ?? undefined;

    expect(() => decodeCursor(forged, TABLE_KEYS, { name: 'pk', value: 'USER#a' })).toThrow(
      ValidationError,
    );
  });

  it('refuses garbage and non-key attributes', () => {
    expect(() => decodeCursor('%%%', TABLE_KEYS, { name: 'pk', value: 'USER#a' })).toThrow(
      ValidationError,
    );
    const extra = encodeCursor({ pk: 'USER#a', password: 'x' }) ?? undefined;
    expect(() => decodeCursor(extra, TABLE_KEYS, { name: 'pk', value: 'USER#a' })).toThrow(
      ValidationError,
    );
  });

  it('refuses a cursor with more or fewer keys than its Query starts from', () => {
    const more = encodeCursor({ pk: 'USER#a', sk: 'SESSION#1', gsi1pk: 'X' }) ?? undefined;
    const fewer = encodeCursor({ name: 'pk', value: 'USER#a' }) ?? undefined;

    expect(() => decodeCursor(more, TABLE_KEYS, { name: 'pk', value: 'USER#a' })).toThrow(
      ValidationError,
    );
    expect(() => decodeCursor(fewer, TABLE_KEYS, { name: 'pk', value: 'USER#a' })).toThrow(
      ValidationError,
    );
  });
});

describe('uuidV7', () => {
  it('is a valid UUID that sorts by time', () => {
    const earlier = uuidV7(1_700_000_000_000);
    const later = uuidV7(1_700_000_000_001);

    expect(idSchema.safeParse(earlier).success).toBe(true);
    expect(earlier < later).toBe(true);
  });
});

describe('preferences', () => {
  it('answers the defaults before anything is saved', async () => {
    const world = identityWorld();
    const { identity } = await signedIn(world);

    expect(await getPreferences(world.preferences, identity)).toEqual({
      preferences: defaultPreferences,
      updatedAt: null,
    });
  });

  it('merges a partial update field by field', async () => {
    const world = identityWorld();
    const { identity } = await signedIn(world);

    const saved = await updatePreferences(world, identity, {
      theme: 'dark',
      notifications: { email: { marketing: true } },
    });

    expect(saved.preferences).toEqual({
      ...defaultPreferences,
      theme: 'dark',
      notifications: {
        ...defaultPreferences.notifications,
        email: { security: true, trading: true, marketing: true },
      },
    });
  });

  it('rejects an unknown time zone and unknown fields', () => {
    expect(preferencesUpdateSchema.safeParse({ timezone: 'Mars/Olympus' }).success).toBe(false);
    expect(preferencesUpdateSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(preferencesUpdateSchema.safeParse({ timezone: 'Europe/Berlin' }).success).toBe(true);
  });
});

describe('uuidV7 within one millisecond', () => {
  it('still increases', () => {
    const ids = Array.from({ length: 50 }, () => uuidV7(1_800_000_000_000));

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });
});
