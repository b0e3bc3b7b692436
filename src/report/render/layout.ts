import { displayWidth, fitWidth, oneLine, pad, wrap } from './width.js';
import { plain, type Style } from './style.js';

// Tables for the terminal that never run past its width. Columns are separated by two spaces with a
// rule under the header; when the table is too wide, cells wrap at spaces (a column never narrower
// than its longest word), and when even that does not fit (and always below 80 columns) the table
// becomes one block per row: its first cell as a title, then "header  value" lines wrapped to the
// width. Colour is applied to whole padded lines, so it never changes a width. Pure.

export type Align = 'left' | 'right';

export interface LayoutOptions {
  /** Terminal columns. */
  readonly width: number;
  /** Alignment per column (default left). */
  readonly align?: readonly Align[];
  readonly style?: Style;
}

/** Below this many columns, tables are always laid out vertically. */
export const NARROW = 80;

const GAP = '  ';

const longestWord = (s: string): number => Math.max(0, ...s.split(' ').map(displayWidth));

/** Shrink `ws` towards `floors`, the widest column with room first, until the total fits; false when it cannot. */
function shrink(ws: number[], floors: readonly number[], width: number): boolean {
  let total = ws.reduce((a, b) => a + b, 0) + GAP.length * (ws.length - 1);
  while (total > width) {
    let best = -1;
    for (let i = 0; i < ws.length; i++) if ((ws[i] as number) > (floors[i] as number) && (best < 0 || (ws[i] as number) > (ws[best] as number))) best = i;
    if (best < 0) return false;
    ws[best] = (ws[best] as number) - 1;
    total--;
  }
  return true;
}

/**
 * Column widths that fit `width`: the natural ones; else headers wrapped first (a column no narrower
 * than its values), then values too (no narrower than its longest word); null when even that is too wide.
 */
function columnWidths(rows: readonly (readonly string[])[], n: number, width: number): number[] | null {
  const [header = [], ...body] = rows;
  const widest = (cells: readonly string[]) => Math.max(0, ...cells.map(displayWidth));
  const ws = Array.from({ length: n }, (_, i) => widest(rows.map((r) => r[i] ?? '')));
  const values = Array.from({ length: n }, (_, i) => Math.max(widest(body.map((r) => r[i] ?? '')), longestWord(header[i] ?? '')));
  if (shrink(ws, values, width)) return ws;
  const words = Array.from({ length: n }, (_, i) => Math.max(1, ...rows.map((r) => longestWord(r[i] ?? ''))));
  return shrink(ws, words, width) ? ws : null;
}

function asTable(header: readonly string[], body: readonly (readonly string[])[], ws: readonly number[], o: LayoutOptions): string[] {
  const st = o.style ?? plain;
  const row = (cells: readonly string[]): string[] => {
    const wrapped = ws.map((w, i) => (displayWidth(cells[i] ?? '') <= w ? [cells[i] ?? ''] : wrap(cells[i] ?? '', w)));
    const height = Math.max(...wrapped.map((c) => c.length));
    return Array.from({ length: height }, (_, k) => wrapped.map((c, i) => pad(c[k] ?? '', ws[i] ?? 0, o.align?.[i] ?? 'left')).join(GAP).trimEnd());
  };
  return [...row(header).map((l) => st.bold(l)), st.dim(ws.map((w) => '─'.repeat(w)).join(GAP)), ...body.flatMap(row)];
}

function asBlocks(header: readonly string[], body: readonly (readonly string[])[], o: LayoutOptions): string[] {
  const st = o.style ?? plain;
  const labels = header.slice(1);
  const lw = Math.min(Math.max(0, ...labels.map(displayWidth)), Math.floor(o.width / 3));
  const out: string[] = [];
  for (const row of body) {
    out.push(...wrap(row[0] ?? '', o.width, '  ').map((l) => st.bold(l)));
    labels.forEach((label, i) => {
      const value = row[i + 1] ?? '';
      if (value === '') return;
      if (displayWidth(label) > lw) {
        // A label too long to sit beside its value: on its own line, the value under it.
        out.push(...wrap(`  ${label}`, o.width, '    '), ...wrap(value, o.width - 4).map((l) => `    ${l}`));
        return;
      }
      const head = `  ${pad(label, lw)}  `;
      const indent = ' '.repeat(displayWidth(head));
      wrap(value, o.width - displayWidth(head)).forEach((l, k) => out.push(`${k === 0 ? head : indent}${l}`));
    });
  }
  return out;
}

/**
 * Lines of a table fitted to `o.width`: `rows[0]` is the header. Cells are folded to one line. Wide
 * enough: a table (cells wrapped if need be); else one block per row.
 */
export function layoutTable(rows: readonly (readonly string[])[], o: LayoutOptions): string[] {
  const [header, ...body] = rows.map((r) => r.map((c) => oneLine(c)));
  if (header === undefined) return [];
  const ws = o.width >= NARROW ? columnWidths([header, ...body], header.length, o.width) : null;
  return ws === null ? asBlocks(header, body, o) : asTable(header, body, ws, o);
}

/** Prose wrapped to the width, continuation lines indented by two spaces. */
export const paragraph = (text: string, width: number, indent = '  '): string[] => wrap(text, width, indent);

/** Every line cut to the width (a last guard for lines built elsewhere). */
export const clip = (lines: readonly string[], width: number): string[] => lines.map((l) => (displayWidth(l) <= width ? l : fitWidth(l, width)));
