import { ARTICLE, isWordChar, NONE, normalize, normalizeLabel, startsWithLabel, type LabelEntries, type LabelMatch } from './label-text.js';

// Answer statements in a model's output ("Answer: C", "the answer is (B)", "\\boxed{D}", "C is
// correct"): chain-of-thought outputs weigh other labels on the way, and the last such statement is
// what they answer.

/**
 * An answer statement: "answer" (Answer:, the answer is, final answer =, ANSWER -) or LaTeX's \boxed{.
 * Bounded repetition only: linear on any output.
 */
const ANSWER_MARK = /\banswer\b(?:\s*(?:is|was|would be|should be|will be|must be|:|=|-|–|—|→)){0,3}|\\boxed\s*\{/giu;
/** "C is correct", "(B) is the right answer", "option D would be best": the label just before it. */
const CORRECT_MARK = /\s(?:is|would be|must be)\s+(?:the\s+)?(?:correct|right|best)\b/giu;
const JOINED = /^_?(?:or|and|\/|&)_?/u;
const JOINED_END = /_?(?:or|and|\/|&)_?$/u;

/** How far after (or, for "is correct", before) a statement its label is looked for, and how many statements (the last ones) are read. */
const MARK_REACH = 400;
const MARK_BACK = 60;
const MARKS_READ = 64;

/** The label right after one answer statement (the rest of its line, or the next line when that is empty). */
function labelAfter(output: string, from: number, entries: LabelEntries): LabelMatch | undefined {
  const reach = output.slice(from, from + MARK_REACH);
  const end = reach.indexOf('\n');
  let rest = end === -1 ? reach : reach.slice(0, end);
  if (rest.trim() === '' && end !== -1) rest = reach.slice(end + 1).split('\n').find((l) => l.trim() !== '') ?? '';
  const text = normalize(rest, false);
  const label = startsWithLabel(text, entries);
  if (label === undefined || (normalizeLabel(label).length === 1 && ARTICLE.test(rest))) return undefined;
  // "the answer is B or C" names two labels: not an answer.
  const after = text.slice(normalizeLabel(label).length);
  const joined = JOINED.exec(after);
  if (joined !== null && joined[0] !== '' && startsWithLabel(after.slice(joined[0].length), entries) !== undefined) return { ...NONE, ambiguous: true };
  return { label, how: 'marked', ambiguous: false };
}

/** The longest label a normalised text ends with, at a word boundary. */
function endsWithLabel(text: string, entries: LabelEntries): string | undefined {
  let best: LabelEntries[number] | undefined;
  for (const entry of entries) {
    const [norm] = entry;
    if (!text.endsWith(norm) || isWordChar(text[text.length - norm.length - 1])) continue;
    if (best === undefined || norm.length > best[0].length) best = entry;
  }
  return best?.[1];
}

/** The label right before an "is correct" statement, on its line ("Option (C) is correct"). */
function labelBefore(output: string, at: number, entries: LabelEntries): LabelMatch | undefined {
  const back = output.slice(Math.max(0, at - MARK_BACK), at);
  const text = normalize(back.slice(back.lastIndexOf('\n') + 1), false);
  const label = endsWithLabel(text, entries);
  if (label === undefined) return undefined;
  // "B or C is correct" names two labels: not an answer.
  const before = text.slice(0, text.length - normalizeLabel(label).length);
  const joined = JOINED_END.exec(before);
  if (joined !== null && joined[0] !== '' && endsWithLabel(before.slice(0, joined.index), entries) !== undefined) return { ...NONE, ambiguous: true };
  return { label, how: 'marked', ambiguous: false };
}

/**
 * The label of the last statement that names one, if any: an answer statement followed by a label,
 * or a label followed by "is correct". Of the last MARKS_READ statements: bounded work on any output.
 */
export function markedLabel(output: string, entries: LabelEntries): LabelMatch | undefined {
  type Mark = { readonly at: number; readonly read: (at: number) => LabelMatch | undefined };
  const lastOf = (re: RegExp, mark: (m: RegExpExecArray) => Mark): Mark[] => {
    const out: Mark[] = [];
    for (const m of output.matchAll(re)) {
      out.push(mark(m));
      if (out.length > MARKS_READ) out.shift();
    }
    return out;
  };
  const marks = [
    ...lastOf(ANSWER_MARK, (m) => ({ at: m.index + m[0].length, read: (at) => labelAfter(output, at, entries) })),
    ...lastOf(CORRECT_MARK, (m) => ({ at: m.index, read: (at) => labelBefore(output, at, entries) })),
  ].sort((x, y) => x.at - y.at).slice(-MARKS_READ);
  for (let i = marks.length - 1; i >= 0; i--) {
    const mark = marks[i] as Mark;
    const found = mark.read(mark.at);
    if (found !== undefined) return found;
  }
  return undefined;
}
