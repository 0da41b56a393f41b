import type { BookCommand, StpMode } from '../../../../matching-service/src/engine';
import type { Rng } from '../../../support/prng';

const ACCOUNTS = ['A', 'B', 'C'] as const;
const STP: readonly (StpMode | undefined)[] = [
  undefined,
  undefined,
  'NONE',
  'EXPIRE_TAKER',
  'EXPIRE_MAKER',
  'EXPIRE_BOTH',
];

/** Malformed commands of every rejection kind, cast past the static types on purpose. */
const invalid = (rng: Rng, orderId: string, at: number): BookCommand => {
  const base = { kind: 'place', orderId, accountId: 'A', side: 'BUY', type: 'LIMIT', at };
  const variants: Record<string, unknown>[] = [
    { ...base, price: 100, quantity: 0 },
    { ...base, price: -1, quantity: 1 },
    { ...base, price: 100.5, quantity: 1 },
    { ...base, price: Number.NaN, quantity: 1 },
    { ...base, price: 2 ** 53, quantity: 1 },
    { ...base, price: 100, quantity: 1, side: 'HOLD' },
    { ...base, price: 100, quantity: 1, orderId: '' },
    { ...base, price: 100, quantity: 1, accountId: 7 },
    { ...base, price: 100, quantity: 1, at: -5 },
    { ...base, price: 100, quantity: 1, type: 'STOP' },
    { ...base, price: 100, quantity: 1, stp: 'SOMETIMES' },
    { ...base, price: 100, quantity: 1, timeInForce: 'DAY' },
    { ...base, price: 100, quantity: 1, timeInForce: 'IOC', postOnly: true },
    { ...base, type: 'MARKET', quantity: 2, quoteAmount: 50 },
    { ...base, type: 'MARKET', side: 'SELL', quantity: 2, quoteLimit: 50 },
    { ...base, type: 'MARKET', quoteAmount: 0 },
    { kind: 'cancel', orderId, accountId: '', at },
    { kind: 'amend', orderId, accountId: 'A', at },
  ];
  return rng.pick(variants) as unknown as BookCommand;
};

/**
 * A random command stream over a narrow price band (95..105) and three accounts, so orders
 * cross, queue, self-match and get cancelled often. Mixes every order type, time in force,
 * STP mode, market sizing, duplicate ids, wrong-account and unknown cancels, and malformed
 * input.
 */
export const randomCommands = (rng: Rng, count: number): BookCommand[] => {
  const commands: BookCommand[] = [];
  const ids: string[] = [];
  const owner = new Map<string, string>();
  for (let n = 0; n < count; n++) {
    const at = 1_000 + n;
    const fresh = `o${n}`;
    const orderId = ids.length > 0 && rng.chance(0.04) ? rng.pick(ids) : fresh;
    const accountId = rng.pick(ACCOUNTS);
    const side = rng.chance(0.5) ? 'BUY' : 'SELL';
    const stp = rng.pick(STP);
    const extra = stp === undefined ? {} : { stp };
    const r = rng.next();
    let command: BookCommand;
    if (r < 0.5) {
      const tif = rng.pick(['GTC', 'GTC', 'GTC', 'IOC', 'FOK', undefined] as const);
      const postOnly = (tif === 'GTC' || tif === undefined) && rng.chance(0.15);
      command = {
        kind: 'place',
        type: 'LIMIT',
        orderId,
        accountId,
        side,
        price: rng.int(95, 105),
        quantity: rng.int(1, 12),
        ...(tif === undefined ? {} : { timeInForce: tif }),
        ...(postOnly ? { postOnly } : {}),
        ...extra,
        at,
      };
    } else if (r < 0.68) {
      const base = {
        kind: 'place',
        type: 'MARKET',
        orderId,
        accountId,
        side,
        ...extra,
        at,
      } as const;
      if (rng.chance(0.5)) {
        const cap = side === 'BUY' && rng.chance(0.4) ? { quoteLimit: rng.int(50, 2_000) } : {};
        command = { ...base, quantity: rng.int(1, 25), ...cap };
      } else {
        const cap = rng.chance(0.3) ? { quantityLimit: rng.int(1, 15) } : {};
        command = { ...base, quoteAmount: rng.int(20, 2_500), ...cap };
      }
    } else if (r < 0.93 && ids.length > 0) {
      const target = rng.pick(ids);
      const who = rng.chance(0.85) ? (owner.get(target) ?? accountId) : accountId;
      command = {
        kind: 'cancel',
        orderId: rng.chance(0.05) ? `x${n}` : target,
        accountId: who,
        at,
      };
    } else {
      command = invalid(rng, fresh, at);
    }
    if (command.kind === 'place' && orderId === fresh) {
      ids.push(fresh);
      owner.set(fresh, accountId);
    }
    commands.push(command);
  }
  return commands;
};
