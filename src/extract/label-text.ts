// The text primitives of label matching (extract/text.ts, extract/answer-statement.ts): a label's
// normal form, the match record, and the one-letter words that are no label.

/** Normalised label → label as given, in the order given. */
export type LabelEntries = readonly (readonly [string, string])[];

const TRAILING_PUNCT = /[.,;:!?。、…]+$/u;
const LEADING_WRAP = /^[\s"'`*“”‘’«»„([{<]+/u;
const TRAILING_WRAP = /[\s"'`*“”‘’«»)\]}>]+$/u;
const WORD_PREFIX = /^\p{L}[\p{L}\p{N}_-]*\s*:\s*/u;
const SEPARATORS = /[\s_\-\u2010\u2011]+/gu;

export function normalize(s: string, stripPrefix: boolean): string {
  let t = s.normalize('NFKC').trim();
  let prefixDone = !stripPrefix;
  for (let round = 0; round < 10; round++) {
    const before = t;
    t = t.replace(TRAILING_PUNCT, '').replace(LEADING_WRAP, '').replace(TRAILING_WRAP, '');
    const prefix = prefixDone ? null : WORD_PREFIX.exec(t);
    if (prefix !== null && prefix[0].length < t.length) {
      t = t.slice(prefix[0].length);
      prefixDone = true;
    }
    if (t === before) break;
  }
  return t.toLowerCase().replace(SEPARATORS, '_').replace(/^_+|_+$/g, '');
}

/**
 * Canonical form of a label: NFKC, lowercased (locale-independent), trimmed; surrounding quotes,
 * backticks, asterisks and brackets and trailing punctuation stripped; ONE leading `word:` prefix
 * ("Label:", "Answer:", "Queue:", …) dropped; runs of spaces, `_` and `-` become one `_`.
 */
export function normalizeLabel(s: string): string {
  return normalize(s, true);
}

export interface LabelMatch {
  readonly label: string | undefined;
  readonly how: 'exact' | 'marked' | 'prefix' | 'contained' | 'none';
  readonly ambiguous: boolean;
}

export const NONE: LabelMatch = { label: undefined, how: 'none', ambiguous: false };
/** "A careful reading…", "I think…": the one-letter English words starting a sentence, not the labels A or I. */
export const ONE_LETTER_WORD = /^[\s"'`*“”‘’«»„([{<]*[AI]\s+\p{Ll}/u;
/** "a bit", "a few": the article, not the label A. */
export const ARTICLE = /^[\s"'`*“”‘’«»„([{<]*a\s+\p{L}/u;
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Longest label that the line starts with, ending at a non-alphanumeric boundary. */
export function startsWithLabel(line: string, labels: LabelEntries): string | undefined {
  let best: readonly [string, string] | undefined;
  for (const entry of labels) {
    const [norm] = entry;
    if (!line.startsWith(norm) || isWordChar(line[norm.length])) continue;
    if (best === undefined || norm.length > best[0].length) best = entry;
  }
  return best?.[1];
}

/** Bounded memo tables: the labels of a spec are few, and the same for every output scored. */
export const MEMO_SIZE = 256;
export function memo<T>(table: Map<string, T>, key: string, make: () => T): T {
  let v = table.get(key);
  if (v === undefined) {
    if (table.size >= MEMO_SIZE) table.clear();
    v = make();
    table.set(key, v);
  }
  return v;
}
