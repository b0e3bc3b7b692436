import { describe, expect, it } from 'vitest';
import { isCI, useColor } from '../../../src/util/terminal-env.js';

describe('isCI', () => {
  const cases: readonly [string | undefined, boolean][] = [
    [undefined, false], ['', false], ['false', false], ['FALSE', false], ['0', false],
    ['true', true], ['1', true], ['yes', true], ['woodpecker', true],
  ];
  it.each(cases)('CI=%s → %s', (value, expected) => {
    expect(isCI(value === undefined ? {} : { CI: value })).toBe(expected);
  });
});

describe('useColor', () => {
  const cases: readonly { name: string; env: Record<string, string>; flag?: boolean; isTTY: boolean; expected: boolean }[] = [
    { name: 'a terminal', env: {}, isTTY: true, expected: true },
    { name: 'a pipe', env: {}, isTTY: false, expected: false },
    { name: 'NO_COLOR=1', env: { NO_COLOR: '1' }, isTTY: true, expected: false },
    { name: 'NO_COLOR empty is not set', env: { NO_COLOR: '' }, isTTY: true, expected: true },
    { name: 'FORCE_COLOR=0', env: { FORCE_COLOR: '0' }, isTTY: true, expected: false },
    { name: 'FORCE_COLOR=1 in a pipe', env: { FORCE_COLOR: '1' }, isTTY: false, expected: true },
    { name: 'FORCE_COLOR=3', env: { FORCE_COLOR: '3' }, isTTY: false, expected: true },
    { name: 'FORCE_COLOR set but empty', env: { FORCE_COLOR: '' }, isTTY: false, expected: true },
    { name: '--no-color beats FORCE_COLOR', env: { FORCE_COLOR: '1' }, flag: false, isTTY: true, expected: false },
    { name: '--color beats NO_COLOR', env: { NO_COLOR: '1' }, flag: true, isTTY: false, expected: true },
  ];
  it.each(cases)('$name', ({ env, flag, isTTY, expected }) => {
    expect(useColor({ env, flag, isTTY })).toBe(expected);
  });
});
