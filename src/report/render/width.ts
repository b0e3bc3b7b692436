// Text measured in terminal columns: how wide a string shows, cut to a width with an ellipsis, and
// wrapped at spaces. A character of an East Asian wide script or an emoji takes two columns,
// combining marks and ANSI escapes none. Pure.

const ANSI = /\x1b\[[0-9;]*m/g;
const ZERO = /[\p{M}\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff]/u;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Code points shown two columns wide (East Asian Wide and Fullwidth ranges, the common ones). */
function wide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff)
    || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf)
    || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f)
    || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff)
    || (cp >= 0x20000 && cp <= 0x3fffd);
}

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (CONTROL.test(ch) || ZERO.test(ch)) return 0;
  return wide(cp) || (cp > 0x2000 && EMOJI.test(ch) && cp >= 0x1f000) ? 2 : 1;
}

/** ANSI colour escapes removed. */
export const stripAnsi = (s: string): string => s.replace(ANSI, '');

/** Columns the text takes in a terminal (one line; escapes ignored). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch);
  return w;
}

/** The text as one line: line breaks and tabs as spaces, other control characters dropped. */
export const oneLine = (s: string): string => s.replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');

/** At most `width` columns: cut with "…" when longer (plain text: no escapes). */
export function fitWidth(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return '';
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Padded with spaces to `width` columns, on the right (or the left for right-aligned cells). */
export function pad(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? `${fill}${s}` : `${s}${fill}`;
}

/** Split a word wider than `width` into pieces that fit. */
function pieces(word: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of word) {
    if (displayWidth(cur + ch) > width && cur !== '') {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  return cur === '' ? out : [...out, cur];
}

/**
 * A paragraph wrapped at spaces to `width` columns; continuation lines start with `indent` (a word
 * longer than a line is cut into pieces). Existing line breaks are kept, each line wrapped on its own.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const w = Math.max(1, width);
  return text.split('\n').flatMap((para) => wrapLine(para, w, indent));
}

function wrapLine(para: string, w: number, indent: string): string[] {
  if (displayWidth(para) <= w) return [para];
  const lead = /^ */.exec(para)?.[0] ?? '';
  const words = para.slice(lead.length).split(/ +/).filter((x) => x !== '');
  const cont = displayWidth(indent + lead) > w / 2 ? '' : indent + lead;
  const lines: string[] = [];
  let cur = lead;
  let empty = true;
  const add = (piece: string, sep: string) => { cur = `${cur}${empty ? '' : sep}${piece}`; empty = false; };
  const breakLine = () => { lines.push(cur); cur = cont; empty = true; };
  for (const word of words) {
    if (displayWidth(`${cur}${empty ? '' : ' '}${word}`) <= w) { add(word, ' '); continue; }
    if (!empty) breakLine();
    if (displayWidth(cur + word) <= w) { add(word, ' '); continue; }
    for (const piece of pieces(word, Math.max(1, w - displayWidth(cont)))) {
      if (!empty && displayWidth(cur + piece) > w) breakLine();
      add(piece, '');
    }
  }
  if (!empty || lines.length === 0) lines.push(empty ? '' : cur);
  return lines;
}
