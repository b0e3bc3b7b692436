import { describe, expect, it } from 'vitest';
import { TemplateError, lookup, missingPaths, placeholders, renderText, renderValue } from '../../../src/prompt/template.js';
import type { Lookup, Placeholder } from '../../../src/prompt/template.js';
import type { Json } from '../../../src/types.js';

type Vars = Readonly<Record<string, Json>>;

describe('placeholders', () => {
  const p = (raw: string, path: string, valid = true): Placeholder => ({ raw, path, valid });
  it.each<readonly [string, readonly Placeholder[]]>([
    ['no placeholders', []],
    ['single { braces } are text', []],
    ['Hello {{name}}!', [p('{{name}}', 'name')]],
    ['{{ name }}', [p('{{ name }}', 'name')]],
    ['{{\tname\n}}', [p('{{\tname\n}}', 'name')]],
    ['{{a}} and {{b.c}}', [p('{{a}}', 'a'), p('{{b.c}}', 'b.c')]],
    ['{{a.b[0].c}}', [p('{{a.b[0].c}}', 'a.b[0].c')]],
    ['{{items[12]}}', [p('{{items[12]}}', 'items[12]')]],
    ['{{first_name}} {{$ref}} {{order-id}}', [p('{{first_name}}', 'first_name'), p('{{$ref}}', '$ref'), p('{{order-id}}', 'order-id')]],
    ['{{名前}}さん', [p('{{名前}}', '名前')]],
    ['{{prénom}}', [p('{{prénom}}', 'prénom')]],
    ['{{città.nome}}', [p('{{città.nome}}', 'città.nome')]],
    // Devanagari vowel signs and decomposed accents are combining marks (\p{M}), still letters to a user.
    ['{{नाम}}', [p('{{नाम}}', 'नाम')]],
    ['{{pre\u0301nom}}', [p('{{pre\u0301nom}}', 'pre\u0301nom')]],
    ['{{}}', [p('{{}}', '', false)]],
    ['{{   }}', [p('{{   }}', '', false)]],
    // CSV headers as they are: spaces inside a name and a leading digit are valid.
    ['{{first name}}', [p('{{first name}}', 'first name', true)]],
    ['{{1st}}', [p('{{1st}}', '1st', true)]],
    ['{{a..b}}', [p('{{a..b}}', 'a..b', false)]],
    ['{{a.}}', [p('{{a.}}', 'a.', false)]],
    ['{{.a}}', [p('{{.a}}', '.a', false)]],
    ['{{a[x]}}', [p('{{a[x]}}', 'a[x]', false)]],
    ['{{a[-1]}}', [p('{{a[-1]}}', 'a[-1]', false)]],
    ['{{a[0}}', [p('{{a[0}}', 'a[0', false)]],
  ])('%j', (template, expected) => {
    expect(placeholders(template)).toEqual(expected);
  });
});

const VARS: Vars = {
  name: 'Ada',
  n: 42,
  zero: 0,
  flag: false,
  empty: '',
  nothing: null,
  tags: ['a', 'b'],
  order: { id: 'o-1', items: [{ sku: 'A-1', qty: 2 }, { sku: 'B-2', qty: 1 }] },
  名前: '太郎',
  prénom: 'Zoë',
  नाम: 'अनु',
  'order-id': 'X-9',
};

describe('lookup', () => {
  const hit = (value: Json): Lookup => ({ found: true, value });
  const miss: Lookup = { found: false };
  it.each<readonly [string, Lookup]>([
    ['name', hit('Ada')],
    ['n', hit(42)],
    ['zero', hit(0)],
    ['flag', hit(false)],
    ['empty', hit('')],
    ['nothing', hit(null)],
    ['tags', hit(['a', 'b'])],
    ['tags[1]', hit('b')],
    ['tags[2]', miss],
    ['order.id', hit('o-1')],
    ['order.items[0].sku', hit('A-1')],
    ['order.items[1].qty', hit(1)],
    ['order.items[2].sku', miss],
    ['order.items[0].price', miss],
    ['order.missing.deeper', miss],
    ['name.length', miss],
    ['n.x', miss],
    ['nothing.x', miss],
    ['tags.length', miss],
    ['名前', hit('太郎')],
    ['prénom', hit('Zoë')],
    ['नाम', hit('अनु')],
    ['order-id', hit('X-9')],
    ['missing', miss],
    // Inherited properties are not fields of the record.
    ['toString', miss],
    ['constructor', miss],
    ['__proto__', miss],
    ['order.hasOwnProperty', miss],
  ])('%s', (path, expected) => {
    expect(lookup(VARS, path)).toEqual(expected);
  });
});

describe('missingPaths', () => {
  it.each<readonly [string, Vars, readonly string[]]>([
    ['no placeholders', VARS, []],
    ['{{name}} {{ n }} {{order.items[1].sku}}', VARS, []],
    ['null, false, 0 and "" are present: {{nothing}}{{flag}}{{zero}}{{empty}}', VARS, []],
    ['{{name}} {{surname}}', VARS, ['surname']],
    ['{{order.items[5].sku}}', VARS, ['order.items[5].sku']],
    ['{{名前}} {{名字}}', VARS, ['名字']],
    ['{{नाम}}', VARS, []],
    ['{{toString}}', VARS, ['toString']],
    ['{{}}', VARS, ['']],
    ['{{1st}}', { '1st': 'x' }, []],
    ['{{first name}}', { 'first name': 'Ada' }, []],
    ['{{first name}}', { first: 'Ada' }, ['first name']],
    // Invalid syntax is missing even when the keys exist.
    ['{{a..b}}', { a: { b: 1 } }, ['a..b']],
    ['{{name}}', {}, ['name']],
  ])('%j', (template, vars, expected) => {
    expect(missingPaths(template, vars)).toEqual(expected);
  });
});

describe('renderText', () => {
  it.each<readonly [string, Vars, string]>([
    ['no placeholders', VARS, 'no placeholders'],
    ['Hello {{name}}!', VARS, 'Hello Ada!'],
    ['Hello {{ name }}!', VARS, 'Hello Ada!'],
    ['{{name}}{{name}}', VARS, 'AdaAda'],
    ['n = {{n}}', VARS, 'n = 42'],
    ['{{zero}}/{{flag}}', VARS, '0/false'],
    ['[{{nothing}}]', VARS, '[]'],
    ['[{{empty}}]', VARS, '[]'],
    ['tags: {{tags}}', VARS, 'tags: ["a","b"]'],
    ['item: {{order.items[0]}}', VARS, 'item: {"sku":"A-1","qty":2}'],
    ['{{order.items[1].sku}} x{{order.items[1].qty}}', VARS, 'B-2 x1'],
    ['{{名前}}さん、こんにちは', VARS, '太郎さん、こんにちは'],
    ['Bonjour {{prénom}}', VARS, 'Bonjour Zoë'],
    ['नमस्ते {{नाम}}', VARS, 'नमस्ते अनु'],
    ['line1\n{{name}}\nline3', VARS, 'line1\nAda\nline3'],
    // Values go in verbatim: no replacement patterns, no second pass over inserted text.
    ['{{v}}', { v: '$& $1 $$ $`' }, '$& $1 $$ $`'],
    ['{{a}}', { a: '{{b}}', b: 'oops' }, '{{b}}'],
    ['{{q}}', { q: 'He said "hi" \\ left\n' }, 'He said "hi" \\ left\n'],
  ])('%j', (template, vars, expected) => {
    expect(renderText(template, vars)).toBe(expected);
  });

  it.each<readonly [string, Vars, readonly string[]]>([
    ['Hello {{surname}}', VARS, ['surname']],
    ['{{a}} {{b}}', { a: 1 }, ['b']],
    ['{{first name}}', { first: 'Ada' }, ['first name']],
    ['{{}}', VARS, ['']],
  ])('throws TemplateError for %j', (template, vars, paths) => {
    let err: unknown;
    try {
      renderText(template, vars);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).paths).toEqual(paths);
  });
});

describe('renderValue', () => {
  it.each<readonly [string, Json, Vars, Json]>([
    ['lone placeholder keeps a number', '{{n}}', VARS, 42],
    ['lone placeholder keeps 0', '{{zero}}', VARS, 0],
    ['lone placeholder keeps false', '{{flag}}', VARS, false],
    ['lone placeholder keeps null', '{{nothing}}', VARS, null],
    ['lone placeholder keeps an array', '{{tags}}', VARS, ['a', 'b']],
    ['lone placeholder keeps an object', '{{order.items[0]}}', VARS, { sku: 'A-1', qty: 2 }],
    ['lone placeholder with inner spaces', '{{ n }}', VARS, 42],
    ['lone unicode placeholder', '{{名前}}', VARS, '太郎'],
    ['text around a placeholder renders text', 'n={{n}}', VARS, 'n=42'],
    ['two placeholders render text', '{{n}}{{n}}', VARS, '4242'],
    ['plain string', 'billing', VARS, 'billing'],
    ['braces that are not placeholders', '{not a} {{placeholder', VARS, '{not a} {{placeholder'],
    ['number', 7, VARS, 7],
    ['boolean', true, VARS, true],
    ['null', null, VARS, null],
    ['array renders element-wise', ['{{name}}', 'x-{{n}}', 'lit', 3], VARS, ['Ada', 'x-42', 'lit', 3]],
    ['array element keeps its type', ['{{tags}}', '{{n}}'], VARS, [['a', 'b'], 42]],
    ['nested arrays', [['{{name}}']], VARS, [['Ada']]],
    ['object values render too', { sku: '{{order.items[0].sku}}', qty: '{{order.items[0].qty}}', note: 'fixed' }, VARS, { sku: 'A-1', qty: 2, note: 'fixed' }],
  ])('%s', (_label, value, vars, expected) => {
    expect(renderValue(value, vars)).toEqual(expected);
  });

  it.each<readonly [string, Json, Vars]>([
    ['lone placeholder, missing', '{{surname}}', VARS],
    ['text, missing', 'Dear {{surname}}', VARS],
    ['inside an array', ['ok', '{{surname}}'], VARS],
    ['lone invalid placeholder even if the keys exist', '{{a..b}}', { a: { b: 1 } }],
    ['lone empty placeholder', '{{}}', VARS],
  ])('throws TemplateError: %s', (_label, value, vars) => {
    expect(() => renderValue(value, vars)).toThrow(TemplateError);
  });
});

describe('TemplateError', () => {
  it('lists every path in its message and keeps them', () => {
    const e = new TemplateError(['a.b', '名前']);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('TemplateError');
    expect(e.paths).toEqual(['a.b', '名前']);
    expect(e.message).toContain('{{a.b}}');
    expect(e.message).toContain('{{名前}}');
  });
});
