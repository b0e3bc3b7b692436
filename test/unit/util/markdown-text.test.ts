import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { mdCode, mdTable, mdText } from '../../../src/util/markdown-text.js';

// Outside text in Markdown, checked with a real renderer (markdown-it, GFM tables, raw HTML ENABLED so
// that anything we failed to escape would come through as HTML).

const md = new MarkdownIt({ html: true, linkify: true });

const HOSTILE = [
  ['a pipe', 'a | b'],
  ['backticks', 'run `rm -rf` now ``` x'],
  ['a script tag', '<script>alert(1)</script>'],
  ['an img with a handler', '<img src=x onerror=alert(1)>'],
  ['newlines', 'line 1\nline 2\r\n| x | y |\n'],
  ['emphasis and links', '**bold** _it_ [link](javascript:alert(1)) ![img](x.png) ~~s~~'],
  ['entities', '&lt;script&gt; &#60;b&#62;'],
  ['a heading at the start', '# Heading'],
  ['a list at the start', '- item'],
  ['an ordered list at the start', '1. first'],
  ['a quote at the start', '> quoted'],
  ['math', '$x^2$'],
  ['a backslash at the end', 'path\\'],
  ['a backslash before a pipe', 'a\\|b \\\\| c'],
  ['control characters', 'a\u0000b\u001b[31mc\u0085d'],
] as const;

/** The text content of an HTML fragment, entities decoded (what a reader sees). */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();

describe('mdText', () => {
  it.each(HOSTILE)('%s reads back as the same text in one paragraph, with no markup', (_name, input) => {
    const html = md.render(`Note: ${mdText(input)}`);
    expect(html.match(/<p>/g)?.length).toBe(1);
    expect(html).not.toMatch(/<(script|img|a |em|strong|code|s>|del|h1|ul|ol|blockquote|table)/);
    const want = input.replace(/\r\n|[\r\n]/g, ' ').replace(/\u0000/g, '\u2400').replace(/\u001b/g, '\u241b').replace(/\u0085/g, '\uFFFD').trim();
    expect(textOf(html)).toBe(`Note: ${want}`);
  });

  it.each(HOSTILE)('%s at the start of a list item stays plain text', (_name, input) => {
    const html = md.render(`- ${mdText(input)}`);
    expect(html.match(/<li>/g)?.length).toBe(1);
    expect(html).not.toMatch(/<(script|img|h1|ol|blockquote|em|strong)|<ul>\s*<li>\s*<ul>/);
  });

  it('cuts long text with a note', () => {
    expect(mdText('x'.repeat(1_000), 10)).toBe(`${'x'.repeat(10)}… \\[truncated: 990 more characters; the whole text is in the run directory\\]`);
  });
});

describe('mdCode', () => {
  it.each(HOSTILE)('%s shows verbatim in one code span', (_name, input) => {
    const html = md.render(`Output: ${mdCode(input)}`);
    expect(html.match(/<code>/g)?.length).toBe(1);
    expect(html).not.toMatch(/<(script|img)/);
  });

  it.each([
    ['plain', 'sales', '`sales`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['starts with a backtick', '`x', '`` `x ``'],
    ['only spaces', '   ', '_(empty)_'],
    ['a pipe outside a table', 'a|b', '`a|b`'],
  ])('%s', (_name, input, want) => expect(mdCode(input)).toBe(want));

  it('escapes pipes inside a table cell as GFM requires', () => expect(mdCode('a|b', { table: true })).toBe('`a\\|b`'));
});

describe('mdTable', () => {
  const rows = HOSTILE.map(([name, input]) => [mdText(name), mdText(input), mdCode(input, { table: true })]);
  const html = md.render(mdTable(['case', 'as text', 'as code'], rows, ['left', 'right']));

  it('renders one <table> with a row per input and three cells each, whatever the cells hold', () => {
    expect(html.match(/<table>/g)?.length).toBe(1);
    expect(html.match(/<tr>/g)?.length).toBe(HOSTILE.length + 1);
    expect(html.match(/<td[^>]*>/g)?.length).toBe(HOSTILE.length * 3);
    expect(html).not.toMatch(/<(script|img|h1|ul|ol|blockquote|em|strong|a )/);
  });

  it('shows each input in its cell (pipes and all)', () => {
    const cells = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => textOf(m[1] ?? ''));
    expect(cells[1 * 3 - 2]).toBe('a | b');
    expect(cells[3 * 3 - 1]).toBe('<script>alert(1)</script>');
  });

  it('folds a raw line break a caller left in a cell, pads short rows, and aligns columns', () => {
    const text = mdTable(['a', 'b'], [['x\ny'], ['1', '2']], ['left', 'right']);
    expect(text).toBe('| a | b |\n| --- | ---: |\n| x y |   |\n| 1 | 2 |');
    expect(md.render(text).match(/<tr>/g)?.length).toBe(3);
  });
});
