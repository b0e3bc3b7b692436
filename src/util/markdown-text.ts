import { truncate, xmlChars } from './xml-text.js';

// Text from the outside world (model labels, eval ids, stop messages, reasons, model outputs) placed in
// Markdown for pull-request comments and GitHub step summaries (GFM). It must never break a table row,
// open emphasis, links or code, or inject HTML: every piece of such text goes through mdText or mdCode,
// and tables through mdTable. Pure.

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/** One line, no controls that could upset a renderer, at most `max` characters. */
function oneLine(s: string, max: number): string {
  return truncate(xmlChars(s).replace(LINE_BREAKS, ' ').replace(/[\u007F-\u009F]/g, '\uFFFD'), max, 'the run directory');
}

/**
 * Inline plain text: HTML characters as entities (so "<script>" shows as text), Markdown punctuation
 * backslash-escaped (emphasis, code, links, tables, strikethrough, math), a leading block marker ("# ", "- ",
 * "1. ") neutralised, line breaks folded into spaces. Safe in a paragraph, a list item and a table cell.
 */
export function mdText(s: string, max = 500): string {
  const escaped = oneLine(s, max)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~!$]/g, (c) => `\\${c}`);
  // Block markers count only at the start, and only followed by a space (or, for rules, more of them).
  return escaped.replace(/^(\s*)([#+=-])(?=[\s#=-]|$)/, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * Inline code (for model outputs): a fence longer than any backtick run inside, padded when the text
 * starts or ends with a backtick, line breaks folded. In a table cell (`table: true`), pipes are
 * escaped as GFM requires even inside code spans. HTML inside a code span is shown, never run.
 */
export function mdCode(s: string, opts: { readonly max?: number; readonly table?: boolean } = {}): string {
  const text = oneLine(s, opts.max ?? 200);
  if (text.trim() === '') return '_(empty)_';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  const body = opts.table === true ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

export type Align = 'left' | 'right' | 'center';

const RULE: Readonly<Record<Align, string>> = { left: '---', right: '---:', center: ':---:' };

/**
 * A GFM table. Cells are Markdown already (built with mdText / mdCode, or trusted literals such as
 * "**FAIL**"); as a last guard a line break in a cell is folded, since it would end the row. Every row
 * gets exactly the header's number of cells.
 */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const cell = (c: string | undefined) => (c ?? '').replace(LINE_BREAKS, ' ').trim() || ' ';
  const line = (cells: readonly string[]) => `| ${header.map((_, i) => cell(cells[i])).join(' | ')} |`;
  const rule = `| ${header.map((_, i) => RULE[align[i] ?? 'left']).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A bulleted list of inline Markdown items. */
export const mdList = (items: readonly string[]): string => items.map((i) => `- ${i}`).join('\n');

/** Plain text as a Markdown code block whose fence no run of backticks inside it can close. */
export function mdFenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.trimEnd()}\n${fence}`;
}
