import { describe, expect, it } from 'vitest';
import { inTurn } from '../../../functions/balances/account-turns';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('inTurn', () => {
  it('runs work sharing an account one at a time, in call order', async () => {
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };

    const results = await Promise.all([
      inTurn(['alice'], work('a')),
      inTurn(['alice', 'bob'], work('b')),
      inTurn(['bob'], work('c')),
    ]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets work on other accounts run at the same time', async () => {
    let running = 0;
    let most = 0;
    const work = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    };

    await Promise.all([inTurn(['alice'], work), inTurn(['bob'], work), inTurn(['carol'], work)]);

    expect(most).toBe(3);
  });

  it('never deadlocks on overlapping accounts given in any order, and survives failures', async () => {
    const failing = inTurn(['x', 'y'], async () => {
      await tick();
      throw new Error('conflict');
    });
    const later = Promise.all([
      inTurn(['y', 'x'], async () => 'yx'),
      inTurn(['x', 'z', 'y'], async () => 'xzy'),
    ]);

    await expect(failing).rejects.toThrow('conflict');
    await expect(later).resolves.toEqual(['yx', 'xzy']);
  });
});
