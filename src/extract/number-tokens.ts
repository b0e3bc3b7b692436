// Number tokenizer shared by parseNumberLoose and extractFinalNumber.
//
// A token is: [sign][currency symbol][sign]BODY. BODY alternatives, tried in this order:
//   date/time   2024-01-15, 15/01/2024, 15.01.2024, 12:30(:45)   → kind 'datetime', no value
//   mixed       1 1/2 (whole part 1–3 digits)                      → 1.5
//   fraction    3/4                                                 → 0.75 (x/0 → no value)
//   1.234,56    dot groups + decimal comma                          → 1234.56
//   1.234.567   two or more dot groups                              → 1234567 ("1.234" alone is 1.234)
//   1,234,567.8 comma groups (+ decimal point)                      → 1234567.8
//   1 234 567,5 space / NBSP / U+202F / U+2009 groups (+ . or , decimal)
//   1'234.5     Swiss apostrophe groups
//   3,5         ONE decimal comma, not exactly 3 digits after it, not part of a "1,2,3" list
//   42, 3.5, 1.2e6, .5
// A token never starts right after a letter, digit, `_` or `/`, nor after "letter-" (GPT-4,
// COVID-19). A sign counts only when attached (`-3`, `−3`, `+3`, `-$3`), so "5 - 3" has no -3.

export interface NumberToken {
  readonly start: number; // offset of the whole match (sign/currency included)
  readonly end: number;
  readonly raw: string; // sign + body, without currency, unit or percent
  readonly kind: 'number' | 'datetime';
  readonly value: number | undefined; // undefined for datetimes and x/0
  readonly weak: boolean; // list marker ("1. Foo" at line start) or step label ("Step 2")
}

const SP = '[ \\u00A0\\u202F\\u2009]';
const DATETIME = [
  '\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?',
  '\\d{1,2}(?<dsep>[/.\\-])\\d{1,2}\\k<dsep>\\d{2,4}(?!\\d)',
  '\\d{1,2}:\\d{2}(?::\\d{2})?(?!\\d)',
].join('|');
const NUMBER = [
  `\\d{1,3} \\d+/\\d+(?![\\d/])`,
  '\\d+/\\d+(?![\\d/])',
  '\\d{1,3}(?:\\.\\d{3})+,\\d+',
  '\\d{1,3}(?:\\.\\d{3}){2,}(?!\\d|\\.\\d)',
  '\\d{1,3}(?:,\\d{3})+(?!\\d)(?:\\.\\d+)?',
  `\\d{1,3}(?:${SP}\\d{3})+(?!\\d)(?:[.,]\\d+)?`,
  "\\d{1,3}(?:['’]\\d{3})+(?!\\d)(?:\\.\\d+)?",
  '(?<!\\d[.,])\\d+,(?!\\d{3}(?!\\d))\\d+(?![.,]\\d)',
  '\\d+(?:\\.\\d+)?(?:[eE][-+\\u2212]?\\d+)?',
  '\\.\\d+(?:[eE][-+\\u2212]?\\d+)?',
].join('|');
const TOKEN = new RegExp(
  `(?<![\\p{L}\\p{N}_/]|\\p{L}[-\\u2010\\u2011])(?<sign>[-+\\u2212])?(?:[$€£¥₹])?(?<sign2>[-+\\u2212])?` +
    `(?:(?<dt>${DATETIME})|(?<num>${NUMBER}))`,
  'gu',
);

const GROUP_SEPARATORS = /[ \u00A0\u202F\u2009'’]/g;
const HAS_GROUP_SEPARATOR = /[ \u00A0\u202F\u2009'’]/;

/** Numeric value of a validated BODY (no sign). */
function bodyValue(body: string): number | undefined {
  if (body.includes('/')) {
    const [whole, fraction] = body.includes(' ') ? body.split(' ') : ['0', body];
    const [num, den] = (fraction ?? '').split('/').map(Number);
    if (num === undefined || den === undefined || den === 0) return undefined;
    return Number(whole) + num / den;
  }
  let b = body.replace(/\u2212/g, '-');
  if (HAS_GROUP_SEPARATOR.test(b)) return Number(b.replace(GROUP_SEPARATORS, '').replace(',', '.'));
  const lastDot = b.lastIndexOf('.');
  const lastComma = b.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) {
    b = lastComma > lastDot ? b.replace(/\./g, '').replace(',', '.') : b.replace(/,/g, '');
  } else if (lastComma !== -1) {
    const single = b.indexOf(',') === lastComma;
    b = single && b.length - lastComma - 1 !== 3 ? b.replace(',', '.') : b.replace(/,/g, '');
  } else if (b.indexOf('.') !== lastDot) {
    b = b.replace(/\./g, '');
  }
  const n = Number(b);
  return Number.isFinite(n) ? n : undefined;
}

function isWeak(text: string, start: number, end: number, raw: string): boolean {
  if (/^\d{1,3}$/.test(raw) && /^[.)][ \t]+\S/.test(text.slice(end, end + 8))) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (/^[ \t]*(?:[-*+>#][ \t]*)*$/.test(text.slice(lineStart, start))) return true;
  }
  return /\bstep[ \t]*#?$/i.test(text.slice(Math.max(0, start - 8), start));
}

/** All number/date tokens in `text`, left to right. */
export function tokenize(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    const sign = g['sign'] ?? g['sign2'] ?? '';
    if (g['dt'] !== undefined) {
      tokens.push({ start, end, raw: sign + g['dt'], kind: 'datetime', value: undefined, weak: false });
      continue;
    }
    const body = g['num'] ?? '';
    const magnitude = bodyValue(body);
    const value = magnitude === undefined ? undefined : sign === '-' || sign === '\u2212' ? -magnitude : magnitude;
    const raw = sign + body;
    tokens.push({ start, end, raw, kind: 'number', value, weak: isWeak(text, start, end, raw) });
  }
  return tokens;
}

const ARITHMETIC_TO_EQUALS = /^[-+\u2212*/×÷^().,\d\s$€£¥%]*=\s*/u;

/**
 * The number a short segment states: its first number, except that an arithmetic chain starting
 * there is followed to its result ("3 + 4 = 7 apples" → 7; "7 because x=3" → 7).
 */
export function pickInSegment(segment: string, maxStart = Infinity): NumberToken | undefined {
  const first = tokenize(segment).find((t) => t.kind === 'number' && t.value !== undefined);
  if (first === undefined || first.start > maxStart) return undefined;
  let pos = first.start;
  for (let m = ARITHMETIC_TO_EQUALS.exec(segment.slice(pos)); m !== null; m = ARITHMETIC_TO_EQUALS.exec(segment.slice(pos))) {
    if (m[0].length === 0) break;
    pos += m[0].length;
  }
  if (pos === first.start) return first;
  const result = tokenize(segment.slice(pos))[0];
  if (result?.kind !== 'number' || result.value === undefined || result.start !== 0) return first;
  return { ...result, start: result.start + pos, end: result.end + pos };
}

const PREFIX_OK = /^\s*(?:[~≈]|approx(?:imately|\.)?|about|around)?\s*(?:US\$|USD|EUR|GBP|JPY|CHF|[$€£¥₹])?\s*$/iu;

/**
 * Parses a string that holds ONE number, optionally with a currency before/after, a percent sign
 * or a unit after ("$1,299.00", "−12", "3/4", "1.234,56 €", "12 km"); undefined otherwise.
 * Percent is not divided: "45%" → 45.
 */
export function parseNumberLoose(s: string): number | undefined {
  const tokens = tokenize(s);
  const only = tokens[0];
  if (tokens.length !== 1 || only === undefined || only.kind !== 'number') return undefined;
  if (!PREFIX_OK.test(s.slice(0, only.start)) || /\d/.test(s.slice(only.end))) return undefined;
  return only.value;
}
