// The import statements of one TypeScript source, found without a parser: comments are blanked and
// the contents of string, template and regex literals masked (line breaks kept, so offsets and line
// numbers still hold), then the statements are matched on what is left. Only the specifiers of
// `import … from`, `import '…'`, `export … from` and `import('…')` with a string literal are read.
// Not a full lexer: exotic code (a regex right after `)`, say) can still fool it.

export type ImportForm = 'import' | 'export' | 'dynamic';

export interface ScannedImport {
  readonly specifier: string;
  /** 1-based. */
  readonly line: number;
  readonly form: ImportForm;
  /** Type-only: `import type`, `export type`, or braces that name only `type X` members. */
  readonly typeOnly: boolean;
}

interface Masked {
  readonly code: string;
  /** Offset of an opening quote → the literal's value. */
  readonly literals: ReadonlyMap<number, string>;
}

const REGEX_BEFORE = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_AFTER_WORDS = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|void|yield|await)$/;

const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

/** Index just past a quoted literal starting at `i` (quote `q`), or the end of the line if unterminated. */
function endOfQuoted(src: string, i: number, q: string): number {
  let j = i + 1;
  while (j < src.length && src[j] !== q && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, src.length);
}

function endOfRegex(src: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < src.length && src[j] !== '\n') {
    const ch = src[j];
    if (ch === '\\') { j += 2; continue; }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) return j + 1;
    j++;
  }
  return j;
}

/** Index just past a template literal starting at `i`; `${…}` holes are skipped with their nesting. */
function endOfTemplate(src: string, i: number): number {
  let j = i + 1;
  while (j < src.length && src[j] !== '`') {
    if (src[j] === '\\') { j += 2; continue; }
    if (src[j] === '$' && src[j + 1] === '{') {
      let depth = 1;
      j += 2;
      while (j < src.length && depth > 0) {
        const ch = src[j] as string;
        if (ch === '`') { j = endOfTemplate(src, j); continue; }
        if (ch === '"' || ch === "'") { j = endOfQuoted(src, j, ch); continue; }
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
        j++;
      }
      continue;
    }
    j++;
  }
  return Math.min(j + 1, src.length);
}

function regexMayStart(out: string): boolean {
  const before = out.trimEnd();
  return REGEX_BEFORE.has(before.slice(-1)) || REGEX_AFTER_WORDS.test(before);
}

/** Comments blanked, literal contents masked; the values of '…' and "…" literals kept by offset. */
export function mask(src: string): Masked {
  const literals = new Map<number, string>();
  let out = '';
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    const next = src[i + 1];
    let end = i + 1;
    if (ch === '/' && next === '/') {
      end = src.indexOf('\n', i);
      if (end < 0) end = src.length;
      out += blank(src.slice(i, end));
    } else if (ch === '/' && next === '*') {
      const close = src.indexOf('*/', i + 2);
      end = close < 0 ? src.length : close + 2;
      out += blank(src.slice(i, end));
    } else if (ch === '"' || ch === "'") {
      end = endOfQuoted(src, i, ch);
      literals.set(out.length, src.slice(i + 1, end - 1));
      out += ch + blank(src.slice(i + 1, end - 1)) + (end - 1 > i ? src[end - 1] : '');
    } else if (ch === '`' || (ch === '/' && regexMayStart(out))) {
      end = ch === '`' ? endOfTemplate(src, i) : endOfRegex(src, i);
      out += ch + blank(src.slice(i + 1, end - 1)) + (end - 1 > i ? src[end - 1] : '');
    } else {
      out += ch;
    }
    i = end;
  }
  return { code: out, literals };
}

/** `{ type A, type B as C }` (or `type X`/`type {…}` with the keyword already seen): type-only? */
function clauseIsTypeOnly(clause: string): boolean {
  const c = clause.trim();
  if (/^type\s+[\w$*{]/.test(c)) return true;
  const braces = /^\{([^}]*)\}$/.exec(c);
  if (braces === null) return false;
  const members = (braces[1] as string).split(',').map((m) => m.trim()).filter((m) => m !== '');
  return members.length > 0 && members.every((m) => /^type\s+\S/.test(m));
}

const STATIC = /(?<![\w$.])(import|export)(\s+[^;'"`()=]*?\bfrom\s*|\s*)(?=['"])/g;
const DYNAMIC = /(?<![\w$.])import\s*\(\s*(?=['"])/g;

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Every import, re-export and literal dynamic import of `src`, in source order. */
export function scanImports(src: string): ScannedImport[] {
  const { code, literals } = mask(src);
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1);
  const found: (ScannedImport & { offset: number })[] = [];
  for (const m of code.matchAll(STATIC)) {
    const keyword = m[1] as 'import' | 'export';
    const clause = (m[2] as string).replace(/\bfrom\s*$/, '');
    // `export 'x'` is no statement; `import 'x'` (a side effect) is.
    if (keyword === 'export' && clause.trim() === '') continue;
    const specifier = literals.get((m.index) + m[0].length);
    if (specifier === undefined) continue;
    found.push({ specifier, line: lineAt(starts, m.index), form: keyword, typeOnly: clauseIsTypeOnly(clause), offset: m.index });
  }
  for (const m of code.matchAll(DYNAMIC)) {
    const specifier = literals.get(m.index + m[0].length);
    if (specifier !== undefined) found.push({ specifier, line: lineAt(starts, m.index), form: 'dynamic', typeOnly: false, offset: m.index });
  }
  return found.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...rest }) => rest);
}
