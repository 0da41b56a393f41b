import { describe, expect, it } from 'vitest';
import {
  OursAdapter,
  PeerAdapter,
  diffEndStates,
  ladderEndState,
} from '../../../test/bench/engines';
import { OpChunk, WorkloadGenerator } from '../../../test/bench/workload';

describe('benchmark cross-check', () => {
  it('ends our engine and nodejs-order-book in the generator’s state on a quick workload', () => {
    const generator = new WorkloadGenerator({ seed: 42, targetLive: 2_000 });
    const chunk = new OpChunk(2_000 + 20_000);
    generator.prefill(chunk, 2_000);
    generator.generate(chunk, 20_000);
    const expected = ladderEndState(generator.book);
    const ours = new OursAdapter();
    const peer = new PeerAdapter();

    ours.apply(chunk, 0, chunk.length);
    peer.apply(chunk, 0, chunk.length);

    expect(expected.traded).toBeGreaterThan(0);
    expect(expected.bidCount + expected.askCount).toBeGreaterThan(1_000);
    expect(diffEndStates(expected, ours.endState())).toEqual([]);
    expect(diffEndStates(expected, peer.endState())).toEqual([]);
  });

  it('reports a difference field by field', () => {
    const base = {
      traded: 1,
      bidCount: 1,
      askCount: 1,
      bidVolume: 1,
      askVolume: 1,
      bestBid: 1,
      bestAsk: 2,
    };

    expect(diffEndStates(base, { ...base, bestAsk: null, traded: 3 })).toEqual([
      'traded: expected 1, got 3',
      'bestAsk: expected 2, got null',
    ]);
  });
});
