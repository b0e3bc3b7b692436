import { describe, expect, it } from 'vitest';
import { strictCompatible } from '../../../src/providers/openai-content.js';
import { buildChatParams } from '../../../src/providers/openai.js';
import type { JsonObject } from '../../../src/types.js';
import { modelSpec } from '../runner/fakes.js';

// response_format's strict flag: true only for a schema OpenAI's strict mode accepts (else every call
// would be refused with a 400), false otherwise.

const closed = (properties: Record<string, JsonObject>, extra: JsonObject = {}): JsonObject => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...extra });

describe('strictCompatible', () => {
  it.each<readonly [string, JsonObject, boolean]>([
    ['a closed object with every property required', closed({ a: { type: 'string' }, b: { type: 'number' } }), true],
    ['an empty closed object', closed({}), true],
    ['nested closed objects, in arrays and anyOf', closed({ items: { type: 'array', items: closed({ x: { type: 'integer' } }) }, v: { anyOf: [closed({ y: { type: 'string' } }), { type: 'null' }] } }), true],
    ['$defs that are closed', closed({ a: { $ref: '#/$defs/A' } }, { $defs: { A: closed({ z: { type: 'boolean' } }) } }), true],
    ['additionalProperties missing', { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, false],
    ['additionalProperties: true', closed({ a: { type: 'string' } }, { additionalProperties: true }), false],
    ['an optional property', { ...closed({ a: { type: 'string' }, b: { type: 'string' } }), required: ['a'] }, false],
    ['no required list', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, false],
    ['an open object inside an array', closed({ rows: { type: 'array', items: { type: 'object', properties: { q: { type: 'string' } } } } }), false],
    ['an open object inside $defs', closed({}, { $defs: { A: { type: 'object', properties: {} } } }), false],
    ['an open object in one branch of anyOf', closed({ v: { anyOf: [{ type: 'object', properties: { k: { type: 'string' } }, required: ['k'] }, { type: 'null' }] } }), false],
    ['a root that is not an object', { type: 'array', items: { type: 'string' } }, false],
    ['a root without a type', { properties: {}, additionalProperties: false }, false],
  ])('%s: %s', (_what, schema, want) => {
    expect(strictCompatible(schema)).toBe(want);
  });

  it('sets response_format.strict from the schema', () => {
    const req = (outputSchema: JsonObject) => ({ model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 8, timeoutMs: 1000, outputSchema });
    const open = { type: 'object', properties: { vendor: { type: 'string' } } };
    expect(buildChatParams(modelSpec('openai:local'), req(open)).response_format).toEqual({ type: 'json_schema', json_schema: { name: 'verdict', schema: open, strict: false } });
    expect((buildChatParams(modelSpec('openai:local'), req(closed({}))).response_format as { json_schema: { strict: boolean } }).json_schema.strict).toBe(true);
  });
});
