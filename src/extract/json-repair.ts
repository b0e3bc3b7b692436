// Low-level helpers for parseJsonLoose: fenced-block scanning, balanced-bracket scanning and
// string-aware repairs. Pure; never evaluates anything.

export interface FencedBlock {
  readonly body: string;
  readonly start: number; // offset of the opening fence line
  readonly end: number; // offset just past the closing fence line (or end of text)
}

const OPEN_FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const CLOSE_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/** Markdown fenced blocks (``` or ~~~, any info string, any indent). An unclosed fence runs to the end. */
export function scanFencedBlocks(text: string): FencedBlock[] {
  const lines = text.split('\n');
  const offsets: number[] = [];
  let pos = 0;
  for (const line of lines) {
    offsets.push(pos);
    pos += line.length + 1;
  }
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN_FENCE.exec(stripCr(lines[i] ?? ''));
    const fence = open?.[1];
    if (open === null || fence === undefined) continue;
    if (fence.startsWith('`') && (open[2] ?? '').includes('`')) continue; // inline code, not a fence
    let j = i + 1;
    while (j < lines.length && !closes(stripCr(lines[j] ?? ''), fence)) j++;
    const body = lines.slice(i + 1, j).map(stripCr).join('\n');
    const end = j < lines.length ? (offsets[j] ?? 0) + (lines[j] ?? '').length : text.length;
    blocks.push({ body, start: offsets[i] ?? 0, end });
    i = j;
  }
  return blocks;
}

const stripCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

function closes(line: string, fence: string): boolean {
  const m = CLOSE_FENCE.exec(line)?.[1];
  return m !== undefined && m[0] === fence[0] && m.length >= fence.length;
}

/**
 * Index of the bracket closing the `{` or `[` at `start`, respecting JSON strings and escapes;
 * -1 if unbalanced or mismatched. `memo` caches the answer for every bracket the scan passed
 * outside a string (a scan starting there would be identical), keeping repeated calls linear.
 */
export function findClose(text: string, start: number, memo: Map<number, number> = new Map()): number {
  const known = memo.get(start);
  if (known !== undefined) return known;
  const stack: number[] = [];
  let inString = false;
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(i);
    else if (c === '}' || c === ']') {
      const open = stack.pop();
      if (open === undefined || text[open] !== (c === '}' ? '{' : '[')) break;
      memo.set(open, i);
      if (stack.length === 0) return i;
    }
  }
  for (const open of stack) memo.set(open, -1);
  return memo.get(start) ?? -1;
}

const CONTROL_ESCAPES: Readonly<Record<string, readonly [string, string]>> = {
  '\n': ['\\n', 'raw-newline'],
  '\r': ['\\r', 'raw-newline'],
  '\t': ['\\t', 'raw-tab'],
};

function escapeControl(c: string, fixes: Set<string>): string | undefined {
  const known = CONTROL_ESCAPES[c];
  if (known !== undefined) {
    fixes.add(known[1]);
    return known[0];
  }
  const code = c.charCodeAt(0);
  if (code >= 0x20) return undefined;
  fixes.add('raw-control');
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

function nextNonSpace(text: string, from: number): string | undefined {
  let j = from;
  while (j < text.length && /\s/.test(text[j] ?? '')) j++;
  return text[j];
}

/**
 * One string-aware pass that escapes raw control characters inside strings, drops trailing commas
 * before `}`/`]`, and turns “smart-quoted” strings (opened outside a string) into plain ones.
 */
export function repairJson(text: string): { text: string; repaired: string[] } {
  const out: string[] = [];
  const fixes = new Set<string>();
  let inString = false;
  let smart = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (inString) {
      if (c === '\\') {
        out.push(c, text[i + 1] ?? '');
        i++;
      } else if (smart ? c === '”' || c === '“' : c === '"') {
        out.push('"');
        inString = false;
      } else if (smart && c === '"') {
        out.push('\\"');
      } else {
        out.push(escapeControl(c, fixes) ?? c);
      }
      continue;
    }
    if (c === '"' || c === '“' || c === '”') {
      inString = true;
      smart = c !== '"';
      if (smart) fixes.add('smart-quotes');
      out.push('"');
    } else if (c === ',' && (nextNonSpace(text, i + 1) === '}' || nextNonSpace(text, i + 1) === ']')) {
      fixes.add('trailing-comma');
    } else {
      out.push(c);
    }
  }
  return { text: out.join(''), repaired: [...fixes] };
}
