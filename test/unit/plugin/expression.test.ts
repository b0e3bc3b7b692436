import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/plugin/expression.js';

const values = { output: 'The capital is Paris.', sample: { id: 's1', vars: { city: 'Paris', n: 3 }, metadata: {} }, expected: 'Paris' };

describe('compileExpression', () => {
  it.each([
    { source: 'output.includes(sample.vars.city)', value: true },
    { source: 'output.length / 100', value: 0.21 },
    { source: 'expected === sample.vars.city', value: true },
    { source: '({ score: 0.5, reason: "half" })', value: { score: 0.5, reason: 'half' } },
    { source: '/paris/i.test(output) && sample.vars.n > 2', value: true },
    { source: 'undefined', value: null },
    // Nothing of the harness or Node is in reach.
    { source: 'typeof require + typeof process + typeof setTimeout + typeof module', value: 'undefinedundefinedundefinedundefined' },
  ])('$source', ({ source, value }) => {
    expect(compileExpression(source, 1000).evaluate(values)).toEqual(value);
  });

  it.each([
    { name: 'a thrown error', source: '(() => { throw new Error("nope") })()', message: /threw nope/ },
    { name: 'a missing name', source: 'outptu.length', message: /threw outptu is not defined/ },
    { name: 'the Function constructor through globalThis', source: 'globalThis.constructor.constructor("return process")()', message: /threw Code generation from strings disallowed/ },
    { name: 'the Function constructor through a sample object', source: 'sample.vars.constructor.constructor("return process")()', message: /threw Code generation from strings disallowed/ },
    { name: 'this (strict: undefined)', source: 'this.constructor', message: /threw Cannot read properties of undefined/ },
    { name: 'eval', source: 'eval("1")', message: /threw Code generation from strings disallowed/ },
  ])('refuses $name', ({ source, message }) => {
    expect(() => compileExpression(source, 1000).evaluate(values)).toThrow(message);
  });

  it('ends an endless loop at its time limit, and one in a promise job too', () => {
    expect(() => compileExpression('(() => { while (true) {} })()', 50).evaluate(values)).toThrow(/timed out after 50 ms/);
    expect(() => compileExpression('Promise.resolve().then(() => { while (true) {} })', 50).evaluate(values)).toThrow(/timed out after 50 ms/);
  });

  it('refuses what does not parse when it is compiled', () => {
    expect(() => compileExpression('output.includes(', 1000)).toThrow(SyntaxError);
  });
});
