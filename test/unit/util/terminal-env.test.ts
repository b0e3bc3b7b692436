import { describe, expect, it } from 'vitest';
import { isCI } from '../../../src/util/terminal-env.js';

describe('isCI', () => {
  const cases: readonly [string | undefined, boolean][] = [
    [undefined, false], ['', false], ['false', false], ['FALSE', false], ['0', false],
    ['true', true], ['1', true], ['yes', true], ['woodpecker', true],
  ];
  it.each(cases)('CI=%s → %s', (value, expected) => {
    expect(isCI(value === undefined ? {} : { CI: value })).toBe(expected);
  });
});
