import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../src/types.js';
import { expectVerdict, run } from './harness.js';

const FENCED_WITH_PROSE = 'Sure! Here is the JSON you asked for:\n\n```json\n{"queue": "billing", "priority": 2}\n```\n\nLet me know if you need anything else.';
const RAW_NEWLINE = '{"queue": "billing", "summary": "Charged twice.\nWants a refund."}';

describe('is-json', () => {
  it.each<readonly [label: string, text: string, strict: boolean | undefined, pass: boolean]>([
    ['an object', '{"a": 1}', undefined, true],
    ['an array', '[1, 2, 3]', undefined, true],
    ['trailing newline', '{"a": 1}\n', undefined, true],
    ['fenced with prose around it', FENCED_WITH_PROSE, undefined, true],
    ['fenced without a language', '```\n{"a": 1}\n```', undefined, true],
    ['raw newline inside a string', RAW_NEWLINE, undefined, true],
    ['object embedded in prose', 'The result is {"ok": true} as requested.', undefined, true],
    ['unicode content', '{"city": "東京", "name": "José", "note": "naïve — «ok»"}', undefined, true],
    ['empty output', '', undefined, false],
    ['whitespace only', '  \n\t', undefined, false],
    ['plain prose', 'I cannot produce JSON for this request.', undefined, false],
    ['truncated object', '{"queue": "billing", "summary": "Char', undefined, false],
    ['single-quoted keys', "{'queue': 'billing'}", undefined, false],
    ['a refusal with a citation is not JSON', 'I cannot help with that [1].', undefined, false],
    ['an empty list inside prose is not JSON', 'Sorry, no data: []', undefined, false],
    ['a fenced array with prose around it is JSON', 'Here:\n```json\n[1, 2]\n```\nDone.', undefined, true],
    ['strict: clean JSON', '{"a": 1}', true, true],
    ['strict: fenced', '```json\n{"a": 1}\n```', true, false],
    ['strict: prose around it', FENCED_WITH_PROSE, true, false],
    ['strict: raw newline in a string', RAW_NEWLINE, true, false],
    ['strict: trailing comma', '{"a": 1,}', true, false],
  ])('%s', async (_label, text, strict, pass) => {
    const options: Record<string, Json> = strict === undefined ? {} : { strict };
    expectVerdict(await run({ type: 'is-json', options }, { text }), pass);
  });
});

const TICKET_SCHEMA: Json = {
  type: 'object',
  required: ['queue', 'priority'],
  properties: {
    queue: { enum: ['billing', 'technical', 'account'] },
    priority: { type: 'integer', minimum: 1, maximum: 3 },
  },
};

describe('json-schema', () => {
  it.each<readonly [label: string, text: string, pass: boolean, reasonHas: string | undefined]>([
    ['valid', '{"queue": "technical", "priority": 1}', true, undefined],
    ['valid, fenced with prose', FENCED_WITH_PROSE, true, undefined],
    ['valid, raw newline in an extra string', '{"queue": "billing", "priority": 3, "note": "a\nb"}', true, undefined],
    ['value outside the enum', '{"queue": "sales", "priority": 1}', false, '/queue'],
    ['wrong type', '{"queue": "billing", "priority": "high"}', false, '/priority'],
    ['out of range', '{"queue": "billing", "priority": 7}', false, '/priority'],
    ['missing required property', '{"queue": "billing"}', false, 'priority'],
    ['array instead of object', '[{"queue": "billing", "priority": 1}]', false, 'object'],
    ['not JSON at all', 'The ticket goes to billing.', false, 'not JSON'],
    ['empty output', '', false, 'not JSON'],
  ])('%s', async (_label, text, pass, reasonHas) => {
    const s = await run({ type: 'json-schema', options: { schema: TICKET_SCHEMA } }, { text });
    expectVerdict(s, pass);
    if (reasonHas !== undefined) expect(s.reason).toContain(reasonHas);
  });

  it('strict rejects a fenced answer that is otherwise valid', async () => {
    const s = await run({ type: 'json-schema', options: { schema: TICKET_SCHEMA, strict: true } }, { text: FENCED_WITH_PROSE });
    expectVerdict(s, false);
  });
});

type FieldRow = readonly [label: string, text: string, path: string, target: Json, options: Readonly<Record<string, Json>>, pass: boolean];

const INVOICE = '```json\n{"invoice": {"number": null, "total": 1299.004, "currency": "EUR", "customer": {"name": "ACME Corp"}, "lines": [{"sku": "A-1"}, {"sku": "B-2"}]}}\n```';

describe('json-field', () => {
  it.each<FieldRow>([
    ['top-level string', '{"queue": "billing"}', 'queue', 'billing', {}, true],
    ['top-level string differs', '{"queue": "technical"}', 'queue', 'billing', {}, false],
    ['string with whitespace', '{"queue": " billing\\n"}', 'queue', 'billing', {}, true],
    ['case differs', '{"queue": "Billing"}', 'queue', 'billing', {}, false],
    ['case differs, ignore_case', '{"queue": "Billing"}', 'queue', 'billing', { ignore_case: true }, true],
    ['nested path, ignore_case', INVOICE, 'invoice.customer.name', 'acme corp', { ignore_case: true }, true],
    ['nested path, case-sensitive', INVOICE, 'invoice.customer.name', 'acme corp', {}, false],
    ['array index path', INVOICE, 'invoice.lines[1].sku', 'B-2', {}, true],
    ['array index out of range', INVOICE, 'invoice.lines[2].sku', 'B-2', {}, false],
    ['number within tolerance', INVOICE, 'invoice.total', 1299, { tolerance: 0.01 }, true],
    ['number outside tolerance', INVOICE, 'invoice.total', 1299, { tolerance: 0.001 }, false],
    ['number, exact by default', '{"total": 1299.004}', 'total', 1299, {}, false],
    ['number, exact match', '{"total": 1299}', 'total', 1299, {}, true],
    ['number given as a string is not a number', '{"total": "1299"}', 'total', 1299, {}, false],
    ['null expected, null given', INVOICE, 'invoice.number', null, {}, true],
    ['null expected, value given', '{"invoice": {"number": "INV-7"}}', 'invoice.number', null, {}, false],
    ['null expected, string "null" given', '{"invoice": {"number": "null"}}', 'invoice.number', null, {}, false],
    ['value expected, null given', INVOICE, 'invoice.number', 'INV-7', {}, false],
    ['boolean', '{"refund": false}', 'refund', false, {}, true],
    ['array value', '{"tags": ["a", "b"]}', 'tags', ['a', 'b'], {}, true],
    ['array value, other order', '{"tags": ["b", "a"]}', 'tags', ['a', 'b'], {}, false],
    ['object value, keys in another order', '{"address": {"zip": "50667", "city": "Köln"}}', 'address', { city: 'Köln', zip: '50667' }, {}, true],
    ['unicode, ignore_case', '{"city": "ZÜRICH"}', 'city', 'zürich', { ignore_case: true }, true],
    ['raw newline inside another string', '{"note": "line one\nline two", "total": 5}', 'total', 5, {}, true],
    ['prose around a bare object', 'Extracted: {"total": 42} — done.', 'total', 42, {}, true],
    ['missing field', '{"queue": "billing"}', 'priority', 1, {}, false],
    ['not JSON', 'billing', 'queue', 'billing', {}, false],
    ['empty output', '', 'queue', 'billing', {}, false],
    // A CSV/TSV target is always text: "1299.00" must still match the number 1299.
    ['CSV-style text target against a number', '{"total": 1299}', 'total', '1299.00', {}, true],
    ['CSV-style text target, tolerance applies', '{"total": 1299.004}', 'total', '1299', { tolerance: 0.01 }, true],
    ['CSV-style text target, different number', '{"total": 1300}', 'total', '1299.00', {}, false],
  ])('%s', async (_label, text, path, target, options, pass) => {
    expectVerdict(await run({ type: 'json-field', options: { path, ...options } }, { text, target }), pass);
  });

  it('strict rejects a fenced answer', async () => {
    expectVerdict(await run({ type: 'json-field', options: { path: 'invoice.total', strict: true, tolerance: 0.01 } }, { text: INVOICE, target: 1299 }), false);
  });

  it('the reason names the path and both values', async () => {
    const s = await run({ type: 'json-field', options: { path: 'invoice.total' } }, { text: '{"invoice": {"total": 1300}}', target: 1299 });
    expect(s.reason).toContain('invoice.total');
    expect(s.reason).toContain('1300');
    expect(s.reason).toContain('1299');
  });

  it('the reason says which field is missing', async () => {
    const s = await run({ type: 'json-field', options: { path: 'invoice.number' } }, { text: '{"invoice": {}}', target: null });
    expectVerdict(s, false);
    expect(s.reason).toContain('invoice.number');
  });

  it('takes the expected value from a lone {{var}}, keeping its JSON type', async () => {
    const vars = { amount: 12.5, customer: { name: 'Zoë' } };
    expectVerdict(await run({ type: 'json-field', expected: '{{amount}}', options: { path: 'total' } }, { text: '{"total": 12.5}', vars }), true);
    expectVerdict(await run({ type: 'json-field', expected: '{{customer.name}}', options: { path: 'name' } }, { text: '{"name": "Zoë"}', vars }), true);
  });

  it('renders {{var}} inside an object-valued expected', async () => {
    const vars = { city: 'Köln', zip: '50667' };
    const s = await run({ type: 'json-field', expected: { city: '{{city}}', zip: '{{zip}}' }, options: { path: 'address' } }, { text: '{"address": {"city": "Köln", "zip": "50667"}}', vars });
    expectVerdict(s, true);
  });
});
