import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { hexSet } from '../../../src/util/hex-set.js';

const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex').slice(0, 16);

describe('hexSet', () => {
  it.each<[string, string[], string, boolean]>([
    ['a hash added is there', ['0123456789abcdef'], '0123456789abcdef', true],
    ['another hash is not', ['0123456789abcdef'], '0123456789abcdee', false],
    ['all zeros is a value like any other', ['0000000000000000'], '0000000000000000', true],
    ['all zeros is not there before it is added', ['ffffffffffffffff'], '0000000000000000', false],
    ['same low half, other high half', ['00000001ffffffff'], '00000002ffffffff', false],
    ['upper-case hex is kept apart (not the same string)', ['0123456789abcdef'], '0123456789ABCDEF', false],
    ['a string that is not 16 hex digits', ['t:abc', 'hello'], 'hello', true],
    ['a 15-digit string is not a 16-digit one', ['0123456789abcde'], '0123456789abcde0', false],
  ])('%s', (_name, added, probe, want) => {
    const s = hexSet();
    for (const v of added) s.add(v);
    expect(s.has(probe)).toBe(want);
  });

  it('add says whether the value is new, and size counts each value once', () => {
    const s = hexSet();
    expect(s.add('0123456789abcdef')).toBe(true);
    expect(s.add('0123456789abcdef')).toBe(false);
    expect(s.add('odd')).toBe(true);
    expect(s.add('odd')).toBe(false);
    expect(s.size).toBe(2);
  });

  it('agrees with a Set of strings over 100,000 hashes, through many growths', () => {
    const s = hexSet();
    const ref = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const v = hex(i % 70_000); // 30,000 repeats
      expect(s.add(v)).toBe(!ref.has(v));
      ref.add(v);
    }
    expect(s.size).toBe(ref.size);
    for (let i = 0; i < 140_000; i++) expect(s.has(hex(i))).toBe(i < 70_000);
  });

  it('keeps hashes whose low halves collide (linear probing)', () => {
    const s = hexSet();
    const values = Array.from({ length: 3000 }, (_, i) => `${i.toString(16).padStart(8, '0')}00000400`);
    for (const v of values) expect(s.add(v)).toBe(true);
    for (const v of values) expect(s.has(v)).toBe(true);
    expect(s.has('ffffffff00000400')).toBe(false);
  });
});
