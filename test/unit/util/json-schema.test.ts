import { describe, expect, it } from 'vitest';
import { bool, constant, dict, either, int, list, num, obj, oneOf, opt, plainJson, str, text, whole } from '../../../src/util/json-schema.js';

// The builders write the JSON Schema the spec has always had, keywords in the same order (the
// generated schemas/*.json stay byte-stable), enums as `enum` and constants as `const` (ajv's
// messages stay "must be one of ...").

const keys = (x: unknown) => Object.keys(plainJson<Record<string, unknown>>(x as never));

describe('json-schema builders', () => {
  it.each([
    ['str', str('d', { minLength: 1 }), { type: 'string', description: 'd', minLength: 1 }],
    ['text', text({ pattern: '^a$' }), { type: 'string', pattern: '^a$' }],
    ['int', int('d', 1, { maximum: 5 }), { type: 'integer', minimum: 1, description: 'd', maximum: 5 }],
    ['int, undescribed', int(undefined, 1), { type: 'integer', minimum: 1 }],
    ['whole', whole('d'), { type: 'integer', description: 'd' }],
    ['num', num({ minimum: 0, exclusiveMaximum: 1 }, 'd'), { type: 'number', minimum: 0, exclusiveMaximum: 1, description: 'd' }],
    ['bool', bool('d'), { type: 'boolean', description: 'd' }],
    ['oneOf', oneOf(['a', 'b'], 'd'), { enum: ['a', 'b'], description: 'd' }],
    ['constant', constant(false), { const: false }],
    ['dict', dict(num({ minimum: 0 }), 'd'), { type: 'object', additionalProperties: { type: 'number', minimum: 0 }, description: 'd' }],
    ['list', list(text(), { minItems: 1, maxItems: 3, description: 'd' }), { type: 'array', minItems: 1, items: { type: 'string' }, maxItems: 3, description: 'd' }],
    ['either', either('d', oneOf(['a']), constant(false)), { description: 'd', anyOf: [{ enum: ['a'] }, { const: false }] }],
    ['obj', obj({ a: str('a'), b: opt(bool('b')) }, { description: 'd', minProperties: 1 }),
      { type: 'object', description: 'd', properties: { a: { type: 'string', description: 'a' }, b: { type: 'boolean', description: 'b' } }, required: ['a'], minProperties: 1, additionalProperties: false }],
    ['obj, all optional', obj({ b: opt(bool('b')) }), { type: 'object', properties: { b: { type: 'boolean', description: 'b' } }, additionalProperties: false }],
  ])('%s', (_name, schema, want) => {
    expect(plainJson(schema)).toEqual(want);
    expect(keys(schema)).toEqual(Object.keys(want));
  });
});
