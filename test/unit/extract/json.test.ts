import { describe, expect, it } from 'vitest';
import { extractFencedBlocks, getPath, parseJsonLoose } from '../../../src/extract/json.js';

describe('parseJsonLoose: recovers the JSON a model meant', () => {
  it.each([
    ['strict object', '{"a":1}', { a: 1 }, []],
    ['strict array with JSON whitespace around it', '  [1, 2, 3]\n', [1, 2, 3], []],
    ['strict primitive string', '"just a string"', 'just a string', []],
    ['UTF-8 BOM before strict JSON', '\uFEFF{"a":1}', { a: 1 }, ['bom']],
    ['```json fence alone', '```json\n{"label": "billing"}\n```', { label: 'billing' }, ['fence']],
    [
      'fence with prose before and after',
      'Here is the result:\n\n```json\n{"label": "billing", "confidence": 0.9}\n```\n\nLet me know if you need anything else.',
      { label: 'billing', confidence: 0.9 },
      ['fence', 'prose'],
    ],
    ['``` fence without a language', '```\n{"a": 1}\n```', { a: 1 }, ['fence']],
    ['~~~ fence', '~~~json\n{"a": 1}\n~~~', { a: 1 }, ['fence']],
    ['CRLF line endings around a fence', 'Result:\r\n```json\r\n{"a": 1}\r\n```\r\n', { a: 1 }, ['fence', 'prose']],
    ['fence indented inside a markdown list', '1. Output:\n   ```json\n   {"a": 1}\n   ```', { a: 1 }, ['fence', 'prose']],
    ['unclosed (truncated) fence runs to the end', 'Here:\n```json\n{"a": 1}', { a: 1 }, ['fence', 'prose']],
    [
      'several parseable fences: the LAST wins',
      'First draft:\n```json\n{"v": 1}\n```\nCorrected:\n```json\n{"v": 2}\n```',
      { v: 2 },
      ['fence', 'prose'],
    ],
    [
      'last fence is not JSON (a schema sketch): the one that parses wins',
      '```json\n{"v": 1}\n```\nand the schema:\n```json\n{v: number}\n```',
      { v: 1 },
      ['fence', 'prose'],
    ],
    [
      'json fence followed by a python fence',
      '```json\n{"ok": true}\n```\n```python\nx = {"a": 1}\n```',
      { ok: true },
      ['fence', 'prose'],
    ],
    ['BOM and fence', '\uFEFF```json\n{"a":1}\n```', { a: 1 }, ['bom', 'fence']],
    [
      'bare object embedded in prose',
      'Sure! Here is the result: {"label": "spam", "score": 3} Let me know if that helps.',
      { label: 'spam', score: 3 },
      ['prose'],
    ],
    [
      'braces inside strings do not end the object',
      'Result: {"text": "use } and { freely", "n": 2} done',
      { text: 'use } and { freely', n: 2 },
      ['prose'],
    ],
    [
      'escaped quotes inside strings are respected',
      'Output: {"q": "she said \\"hi}\\"", "n": 1}.',
      { q: 'she said "hi}"', n: 1 },
      ['prose'],
    ],
    ['nested values in prose', 'Here: {"a": {"b": [1, {"c": 2}]}} end', { a: { b: [1, { c: 2 }] } }, ['prose']],
    ['a citation array before the object loses to the object', 'See [1]. Answer: {"a": 1}', { a: 1 }, ['prose']],
    ['a citation array after the object loses to the object', '{"a": 1} (source [2])', { a: 1 }, ['prose']],
    [
      'two objects in prose: the last wins',
      'Example: {"label": "x"}. Actual: {"label": "billing"}',
      { label: 'billing' },
      ['prose'],
    ],
    ['only an array in prose', 'The sorted list is [1, 2, 3].', [1, 2, 3], ['prose']],
    ['raw newline inside a string', '{"reasoning": "line1\nline2", "answer": 3}', { reasoning: 'line1\nline2', answer: 3 }, ['raw-newline']],
    ['raw CRLF inside a string', '{"a": "x\r\ny"}', { a: 'x\r\ny' }, ['raw-newline']],
    ['raw tab inside a string', '{"a": "x\ty"}', { a: 'x\ty' }, ['raw-tab']],
    ['other raw control character inside a string', '{"a": "x\u0007y"}', { a: 'x\u0007y' }, ['raw-control']],
    ['trailing commas in arrays and objects', '{"a": [1, 2, ], "b": 3,\n}', { a: [1, 2], b: 3 }, ['trailing-comma']],
    ['a ", ]" inside a string is left alone', '{"a": "x, ]", "b": [1,]}', { a: 'x, ]', b: [1] }, ['trailing-comma']],
    [
      'fence + raw newline + trailing comma',
      '```json\n{\n  "reasoning": "first\nsecond",\n  "answer": "1,250",\n}\n```',
      { reasoning: 'first\nsecond', answer: '1,250' },
      ['fence', 'raw-newline', 'trailing-comma'],
    ],
    ['raw newline in an object embedded in prose', 'Answer below\n{"explanation": "a\nb"}\nthanks', { explanation: 'a\nb' }, ['prose', 'raw-newline']],
    ['smart quotes around keys and values', '{“label”: “billing”}', { label: 'billing' }, ['smart-quotes']],
    ['smart quotes inside a plain string are content', '{"q": "he said “hi”"}', { q: 'he said “hi”' }, []],
  ])('%s', (_name, input, value, repaired) => {
    expect(parseJsonLoose(input)).toEqual({ ok: true, value, repaired });
  });

  it.each([
    ['empty output', '', /empty/],
    ['whitespace only', '  \n ', /empty/],
    ['plain refusal', 'I cannot help with that.', /^no JSON value found$/],
    ['truncated object', '{"a": 1', /^invalid JSON/],
    ['single-quoted pseudo JSON (not repaired)', "{'a': 1}", /^invalid JSON/],
    ['fenced block that is not JSON', '```json\n{oops}\n```', /^invalid JSON/],
    ['LaTeX braces are not JSON', 'so \\boxed{\\frac{3}{4}}', /^invalid JSON/],
  ])('fails: %s', (_name, input, error) => {
    const result = parseJsonLoose(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('extractFencedBlocks', () => {
  it.each([
    ['two blocks of both kinds', 'a\n```js\nx\n```\nb\n~~~\ny\n~~~', ['x', 'y']],
    ['no fences', 'no fences here', []],
    ['empty block', '```\n```', ['']],
    ['one-line ``` with backticks in the info string is inline code', '```json {"a":1}```', []],
    ['a shorter fence does not close a longer one', '````\na\n```\nb\n````', ['a\n```\nb']],
    ['multi-line body is kept verbatim', '```\n{\n  "a": 1\n}\n```', ['{\n  "a": 1\n}']],
  ])('%s', (_name, input, blocks) => {
    expect(extractFencedBlocks(input)).toEqual(blocks);
  });
});

describe('getPath', () => {
  const doc = {
    a: { b: [{ c: 1 }, { c: 2 }] },
    items: [{ name: 'x' }, { name: 'y' }, { name: 'z' }],
    'dotted.key': 5,
    n: null,
    zero: 0,
  };
  it.each([
    ['a.b[0].c', 1],
    ['a.b[1].c', 2],
    ['items.2.name', 'z'],
    ['$.items[1].name', 'y'],
    ['$.a.b[0]', { c: 1 }],
    ['a.b', doc.a.b],
    ['["dotted.key"]', 5],
    ['n', null],
    ['zero', 0],
    ['$', doc],
  ])('finds %s', (path, value) => {
    expect(getPath(doc, path)).toEqual({ found: true, value });
  });

  it.each([
    ['items[3]', 'index out of range'],
    ['a.x', 'missing key'],
    ['constructor', 'inherited property'],
    ['items.name', 'non-index segment on an array'],
    ['zero.toFixed', 'property of a primitive'],
    ['a..b', 'empty segment'],
    ['a[', 'unclosed bracket'],
    ['a[x]', 'non-numeric unquoted bracket'],
    ['a.', 'trailing dot'],
  ])('does not find %s (%s)', (path) => {
    expect(getPath(doc, path)).toEqual({ found: false });
  });

  it('works on parseJsonLoose output', () => {
    const parsed = parseJsonLoose('Sure:\n```json\n{"result": {"items": [{"score": 0.5}]}}\n```');
    expect(parsed.ok && getPath(parsed.value, 'result.items[0].score')).toEqual({ found: true, value: 0.5 });
  });
});
