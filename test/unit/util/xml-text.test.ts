import { describe, expect, it } from 'vitest';
import { seconds, truncate, xmlAttr, xmlChars, xmlText } from '../../../src/util/xml-text.js';

// XML 1.0 allows #x9 #xA #xD [#x20-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF]; everything else a model
// may write must be replaced before it reaches the report.
const XML10 = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('xmlChars', () => {
  it.each([
    ['NUL and ESC become control pictures', 'a\u0000b\u001b[31m', 'a\u2400b\u241b[31m'],
    ['tab, LF and CR are allowed and kept', 'a\tb\nc\r', 'a\tb\nc\r'],
    ['a vertical tab and form feed', '\u000b\u000c', '\u240b\u240c'],
    ['U+FFFE and U+FFFF are not characters', 'x\uFFFEy\uFFFF', 'x\uFFFDy\uFFFD'],
    ['a lone high surrogate', 'a\uD83Db', 'a\uFFFDb'],
    ['a lone low surrogate', 'a\uDE00b', 'a\uFFFDb'],
    ['a reversed pair', '\uDE00\uD83D', '\uFFFD\uFFFD'],
    ['a real pair (emoji) is kept', 'ok 😀', 'ok 😀'],
    ['DEL and C1 are allowed in XML 1.0', '\u007f\u0085', '\u007f\u0085'],
  ])('%s', (_name, input, want) => {
    expect(xmlChars(input)).toBe(want);
    expect(XML10.test(xmlChars(input))).toBe(true);
  });
});

describe('xmlText and xmlAttr', () => {
  it.each([
    ['markup', '<a href="x">&amp;</a>', '&lt;a href="x"&gt;&amp;amp;&lt;/a&gt;', '&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;'],
    ['a CDATA end needs nothing special', 'x]]>y', 'x]]&gt;y', 'x]]&gt;y'],
    ['CR survives parsing as a reference', 'a\r\nb', 'a&#13;\nb', 'a&#13;&#10;b'],
    ['tabs and newlines in attributes are references', 'a\tb\nc', 'a\tb\nc', 'a&#9;b&#10;c'],
    ['a forbidden control inside markup', '<\u0001>', '&lt;\u2401&gt;', '&lt;\u2401&gt;'],
  ])('%s', (_name, input, text, attr) => {
    expect(xmlText(input)).toBe(text);
    expect(xmlAttr(input)).toBe(attr);
  });
});

describe('truncate', () => {
  it('keeps short text as it is', () => expect(truncate('abc', 3)).toBe('abc'));

  it('cuts long text with a note of how much was cut and where the rest is', () => {
    expect(truncate('x'.repeat(12_345), 10)).toBe(`${'x'.repeat(10)}… [truncated: 12,335 more characters; the whole text is in records.jsonl]`);
  });

  it('never splits a surrogate pair', () => {
    const out = truncate(`abc😀${'z'.repeat(10)}`, 4);
    expect(out.startsWith('abc…')).toBe(true);
    expect(xmlChars(out)).toBe(out);
  });
});

describe('seconds', () => {
  it.each([[0, '0.000'], [1, '0.001'], [1234.5, '1.234'], [-5, '0.000']])('%d ms → %s', (ms, s) => expect(seconds(ms)).toBe(s));
});
