import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/audit/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth whatever the insertion order', () => {
    const a = { b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [{ y: 2, z: 1 }] }, b: 1 };

    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('omits undefined members and writes no whitespace', () => {
    expect(canonicalJson({ a: undefined, b: [1, 'two', null, true] })).toBe(
      '{"b":[1,"two",null,true]}',
    );
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak "quoted"' })).toBe(
      '{"k\\"":"line\\nbreak \\"quoted\\""}',
    );
  });

  it('rejects numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(/non-finite/);
  });
});
