import { describe, expect, it } from 'vitest';
import { numbersClose, parseNumberLoose } from '../../../src/extract/number.js';

describe('parseNumberLoose: one number, with currency/percent/unit decoration', () => {
  it.each([
    ['42', 42],
    ['$1,299.00', 1299],
    ['−12', -12],
    ['+7', 7],
    ['-$5', -5],
    ['$ -5', -5],
    ['3/4', 0.75],
    ['-3/4', -0.75],
    ['1 1/2', 1.5],
    ['1.234,56 €', 1234.56],
    ['€12,50', 12.5],
    ['1,234', 1234],
    ['3,5', 3.5],
    ['1234,5678', 1234.5678],
    ['1,234,567', 1234567],
    ['1,234,567.89', 1234567.89],
    ['1 234 567', 1234567],
    ['1\u202F234', 1234],
    ['1\u00A0234,5', 1234.5],
    ["1'234.5", 1234.5],
    ['1’234', 1234],
    ['1.234.567', 1234567],
    ['1.234', 1.234],
    ['1.2e6', 1200000],
    ['1.5E-3', 0.0015],
    ['.5', 0.5],
    ['45%', 45],
    ['45 %', 45],
    ['12 km', 12],
    ['3.5kg', 3.5],
    ['40 mph', 40],
    ['−7 °C', -7],
    ['USD 20', 20],
    ['20 USD', 20],
    ['US$5', 5],
    ['about 3', 3],
    ['~1000', 1000],
    ['1.5.', 1.5],
  ])('%s → %s', (input, value) => {
    expect(parseNumberLoose(input)).toBe(value);
  });

  it.each([
    ['abc', 'no digits'],
    ['', 'empty'],
    ['1/0', 'division by zero'],
    ['12 and 13', 'two numbers'],
    ['1,2,3', 'a list, not a decimal comma'],
    ['x = 5', 'words before the number'],
    ['the total is 5', 'words before the number'],
    ['2024-01-15', 'a date'],
    ['10:30', 'a time'],
    ['Infinity', 'not a numeral'],
    ['H2O', 'digit inside a word'],
    ['1.2.3', 'version string'],
  ])('%s → undefined (%s)', (input) => {
    expect(parseNumberLoose(input)).toBeUndefined();
  });
});

describe('numbersClose', () => {
  it.each([
    ['float noise under the default abs 1e-9', 0.1 + 0.2, 0.3, undefined, true],
    ['real difference under the default', 1, 1.0001, undefined, false],
    ['abs tolerance', 1, 1.0001, { abs: 0.001 }, true],
    ['rel tolerance, inside (1 ≤ 0.01·101)', 100, 101, { rel: 0.01 }, true],
    ['rel tolerance, outside (2 > 0.01·102)', 100, 102, { rel: 0.01 }, false],
    ['either tolerance suffices', 1000, 1001, { abs: 0.5, rel: 0.001 }, true],
    ['zero tolerances still accept equality', 5, 5, { abs: 0, rel: 0 }, true],
    ['zero tolerances reject any difference', 1, 1 + 1e-12, { abs: 0, rel: 0 }, false],
    ['signed zeros', -0, 0, undefined, true],
    ['equal infinities', Infinity, Infinity, undefined, true],
    ['opposite infinities', Infinity, -Infinity, { rel: 1 }, false],
    ['infinity vs a finite number, even with rel', Infinity, 1e308, { rel: 1 }, false],
    ['NaN is never close', Number.NaN, Number.NaN, undefined, false],
  ])('%s', (_name, a, b, tolerance, expected) => {
    expect(numbersClose(a, b, tolerance)).toBe(expected);
    expect(numbersClose(b, a, tolerance)).toBe(expected);
  });
});
