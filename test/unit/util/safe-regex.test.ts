import { describe, expect, it } from 'vitest';
import { compileSafeRegex } from '../../../src/util/safe-regex.js';

describe('compileSafeRegex', () => {
  it.each<[label: string, pattern: string, flags: string, text: string, match: string | null, groups: (string | null)[]]>([
    ['a plain match', 'b+', '', 'abbbc', 'bbb', []],
    ['no match', 'z', '', 'abc', null, []],
    ['a capture group', 'confidence:\\s*([0-9.]+)', 'i', 'Label\nConfidence: 0.85', 'Confidence: 0.85', ['0.85']],
    ['a group that took no part is null', '(a)|(b)', '', 'b', 'b', [null, 'b']],
    ['i', '^yes$', 'i', 'YES', 'YES', []],
    ['m: ^ at each line', '^Answer: (\\d+)$', 'm', 'think\nAnswer: 42\nend', 'Answer: 42', ['42']],
    ['s: . crosses lines', 'a.b', 's', 'a\nb', 'a\nb', []],
    ['without s, . stops at a line break', 'a.b', '', 'a\nb', null, []],
    ['g, y, d, u, v change nothing', '^x', 'gyduv', 'x', 'x', []],
    ['Unicode letters', '^\\p{L}+$', '', '日本語', '日本語', []],
    ['an astral character is one character', '^.$', '', '😀', '😀', []],
  ])('%s', (_label, pattern, flags, text, match, groups) => {
    const re = compileSafeRegex(pattern, flags);
    const m = re.exec(text);
    expect(m === null ? null : m.match).toBe(match);
    if (m !== null) expect(m.groups).toEqual(groups);
    expect(re.test(text)).toBe(match !== null);
  });

  it.each<[label: string, pattern: string, message: RegExp]>([
    ['an unclosed group', '(a', /missing closing \)/],
    ['a lookahead, with the reason', 'a(?=b)', /lookarounds and backreferences are not supported/],
    ['a negative lookbehind', '(?<!a)b', /lookarounds and backreferences are not supported/],
    ['a backreference', '(a)\\1', /lookarounds and backreferences are not supported/],
  ])('refuses %s', (_label, pattern, message) => {
    expect(() => compileSafeRegex(pattern)).toThrow(message);
  });

  it.each([
    ['nested quantifiers', '^(\\w+\\s?)+$', `${'word '.repeat(2000)}word.`],
    ['alternation blow-up', '^(a|aa)+$', `${'a'.repeat(5000)}b`],
    ['(a*)*', '^(a*)*$', `${'a'.repeat(5000)}!`],
  ])('%s on a long non-matching text returns (linear time)', (_label, pattern, text) => {
    expect(compileSafeRegex(pattern).test(text)).toBe(false);
  });
});
