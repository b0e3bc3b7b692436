import { describe, expect, it } from 'vitest';
import { idPlaces } from '../../../src/dataset/id-places.js';
import { seededRandom } from '../../../src/util/random.js';

// The packed id table must answer exactly as a Map from id to its first place would.

function reference(entries: readonly (readonly [string, number | string])[]): (number | string | undefined)[] {
  const m = new Map<string, number | string>();
  return entries.map(([id, where]) => {
    const before = m.get(id);
    if (before === undefined) m.set(id, where);
    return before;
  });
}

describe('idPlaces', () => {
  it.each<[string, [string, number | string][]]>([
    ['no duplicates', [['a', 1], ['b', 2], ['c', 3]]],
    ['a duplicate names the first line', [['a', 1], ['b', 2], ['a', 3], ['a', 4]]],
    ['places that are not lines', [['x', 'data.json#/0'], ['y', 'data.json#/1'], ['x', 'data.json#/2']]],
    ['ids that are prefixes of each other', [['s1', 1], ['s10', 2], ['s1', 3], ['s', 4], ['s10', 5], ['', 6], ['', 7]]],
    ['many scripts and astral characters', [['é', 1], ['e\u0301', 2], ['日本', 3], ['😀', 4], ['😀', 5], ['日本', 6], ['e\u0301', 7]]],
    ['line numbers up to 2^32 - 1', [['big', 0xffffffff], ['big', 1]]],
    ['Latin-1 ids, then one that is not: the ones before are still found', [['café', 1], ['ÿ', 2], ['naïve', 3], ['aĀ', 4], ['café', 5], ['ÿ', 6], ['aĀ', 7], ['naïve', 8]]],
    ['a wide character is not its low byte', [['\u0100', 1], ['\u0000', 2], ['a\u0161', 3], ['a\u0061', 4], ['\u0000', 5], ['\u0100', 6], ['a\u0161', 7]]],
    ['a Latin-1 id looked up before any wide one is stored', [['x', 1], ['\u0178', 2], ['x', 3]]],
  ])('%s', (_label, entries) => {
    const places = idPlaces();
    expect(entries.map(([id, where]) => places.firstOrAdd(id, where))).toEqual(reference(entries));
  });

  it('5,000 ids of mixed scripts, the first wide one after 3,000 narrow ones (the packed characters widen mid-way)', () => {
    const rand = seededRandom(11);
    const letters = ['a', 'é', 'ß', 'ÿ', 'Ā', 'ž', '日', '😀'];
    const entries: [string, number][] = Array.from({ length: 5_000 }, (_, i) => {
      const pool = i < 3_000 ? 4 : letters.length;
      const id = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => letters[Math.floor(rand() * pool)]).join('');
      return [id, i + 1];
    });
    const places = idPlaces();
    expect(entries.map(([id, where]) => places.firstOrAdd(id, where))).toEqual(reference(entries));
  });

  it('100,000 ids with duplicates among them (the table grows, probes collide)', () => {
    const rand = seededRandom(7);
    const entries: [string, number][] = Array.from({ length: 100_000 }, (_, i) => [`id-${Math.floor(rand() * 60_000)}`, i + 1]);
    const places = idPlaces();
    expect(entries.map(([id, where]) => places.firstOrAdd(id, where))).toEqual(reference(entries));
  });
});
