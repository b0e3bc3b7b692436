// Label normalisation and matching for classification evals, plus a code-point-correct
// Levenshtein ratio.
import { distance } from 'fastest-levenshtein';
import { ARTICLE, escapeRegExp, memo, NONE, normalize, normalizeLabel, ONE_LETTER_WORD, startsWithLabel, type LabelEntries, type LabelMatch } from './label-text.js';
import { markedLabel } from './answer-statement.js';

export { normalizeLabel, type LabelMatch } from './label-text.js';

const wordPatterns = new Map<string, RegExp>();
/** The whole-word pattern of a normalised label (built once per label). */
function wordPattern(norm: string): RegExp {
  return memo(wordPatterns, norm, () => {
    const body = norm.split('_').map(escapeRegExp).join('[\\s_\\-\\u2010\\u2011]+');
    return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'gu');
  });
}

const TEXT_START = /^[\s"'`*“”‘’«»„([{<]*$/u;
const AFTER_SENTENCE = /(?:[.!?]\s+|\n[\s"'`*“”‘’«»„([{<]*)$/u;
/** A one-letter label at `at` used as a word: an article ("a bit"), or a sentence's first word ("I think", "A careful…"). */
function asWordAt(raw: string, at: number): boolean {
  const ahead = raw.slice(at, at + 8);
  if (ARTICLE.test(ahead)) return true;
  if (!ONE_LETTER_WORD.test(ahead)) return false;
  const before = raw.slice(Math.max(0, at - 16), at);
  return (before.length === at && TEXT_START.test(before)) || AFTER_SENTENCE.test(before);
}

const letterPatterns = new Map<string, RegExp>();
/** A one-character label as a whole word, either case. */
function letterPattern(norm: string): RegExp {
  return memo(letterPatterns, norm, () => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(norm)}(?![\\p{L}\\p{N}])`, 'giu'));
}

/** Labels occurring as whole words; an occurrence inside a longer label's occurrence is ignored. */
function containedLabels(output: string, labels: LabelEntries): string[] {
  const raw = output.normalize('NFKC');
  const text = raw.toLowerCase();
  const spans: { start: number; end: number; label: string }[] = [];
  for (const [norm, label] of labels) {
    if (norm.length === 1) {
      // One letter: found in the text as written, so that the article in "a bit" is not the label A.
      for (const m of raw.matchAll(letterPattern(norm))) {
        if (!asWordAt(raw, m.index)) spans.push({ start: m.index, end: m.index + 1, label });
      }
      continue;
    }
    for (const m of text.matchAll(wordPattern(norm))) {
      spans.push({ start: m.index, end: m.index + m[0].length, label });
    }
  }
  const inside = (a: (typeof spans)[number], b: (typeof spans)[number]) =>
    b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start;
  const kept = spans.filter((a) => !spans.some((b) => inside(a, b)));
  return [...new Set(kept.map((s) => s.label))];
}

interface LabelTable {
  readonly labels: ReadonlyMap<string, string>;
  readonly entries: LabelEntries;
}

const labelTables = new Map<string, LabelTable>();
/** Normalised label → label as given (the first of equal ones), worked out once per list of labels. */
function labelTable(allowed: readonly string[]): LabelTable {
  return memo(labelTables, allowed.join('\u0000'), () => {
    const labels = new Map<string, string>();
    for (const label of allowed) {
      const norm = normalizeLabel(label);
      if (norm !== '' && !labels.has(norm)) labels.set(norm, label);
    }
    return { labels, entries: [...labels.entries()] };
  });
}

/**
 * Matches a model output to exactly one allowed label:
 *   1. exact — normalizeLabel(output) equals a normalised label;
 *   2. marked — the last answer statement that names a label: "Answer: C", "the answer is (B)",
 *      "**Final answer:** billing", "\boxed{D}" (chain-of-thought outputs name other labels on the
 *      way); "the answer is B or C" is ambiguous;
 *   3. prefix — the first non-empty line (with or without its `word:` prefix) equals or starts
 *      with a label at a word boundary (longest label wins), e.g. "Billing - charged twice"; a
 *      one-letter label used as a word ("A careful reading…") is not a prefix;
 *   4. contained — exactly one label occurs as a whole word anywhere; several different labels →
 *      { label: undefined, how: 'none', ambiguous: true }. No negation handling ("not billing").
 */
export function findLabel(output: string, allowed: readonly string[]): LabelMatch {
  const { labels, entries } = labelTable(allowed);
  const exact = labels.get(normalizeLabel(output));
  if (exact !== undefined) return { label: exact, how: 'exact', ambiguous: false };

  const marked = markedLabel(output, entries);
  if (marked !== undefined) return marked;

  const firstLine = output.split('\n').find((l) => l.trim() !== '') ?? '';
  const prefixed = startsWithLabel(normalize(firstLine, true), entries) ?? startsWithLabel(normalize(firstLine, false), entries);
  const asWord = prefixed !== undefined && normalizeLabel(prefixed).length === 1 && ONE_LETTER_WORD.test(firstLine);
  if (prefixed !== undefined && !asWord) return { label: prefixed, how: 'prefix', ambiguous: false };

  const found = containedLabels(output, entries);
  if (found.length === 1) return { label: found[0], how: 'contained', ambiguous: false };
  return found.length > 1 ? { ...NONE, ambiguous: true } : NONE;
}

/** Plain O(n·m) edit distance over code points; only used past fastest-levenshtein's alphabet. */
function slowDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/**
 * Edit distance in Unicode code points. fastest-levenshtein compares UTF-16 code units
 * (distance('😀', '😁') === 1 but both strings have length 2), so strings with surrogate pairs are
 * re-encoded first: each distinct code point becomes one BMP code unit.
 */
function codePointDistance(a: string, b: string, ca: readonly string[], cb: readonly string[]): number {
  if (ca.length === a.length && cb.length === b.length) return distance(a, b);
  const ids = new Map<string, string>();
  const encode = (chars: readonly string[]) =>
    chars.map((c) => ids.get(c) ?? ids.set(c, String.fromCharCode(ids.size)).get(c) ?? '').join('');
  const ea = encode(ca);
  const eb = encode(cb);
  return ids.size > 0xffff ? slowDistance(ca, cb) : distance(ea, eb);
}

/** 1 − distance / max(length), lengths in code points; 1 for two empty strings. Case-sensitive. */
export function levenshteinRatio(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const longest = Math.max(ca.length, cb.length);
  if (longest === 0) return 1;
  return 1 - codePointDistance(a, b, ca, cb) / longest;
}
