// Final-answer number extraction for math/quantity evals (GSM8K, MATH-style outputs).
//
// extractFinalNumber priority (first hit wins):
//   (a) json   — a JSON object (parseJsonLoose) with an `answer`, `final_answer`, `result` or `value`
//                key (tried in that order, keys compared case-insensitively) holding a finite
//                number or a string that parseNumberLoose accepts;
//   (b) boxed  — the LAST \boxed{…}. STRICT: if it is not a single number (\boxed{2\sqrt{3}},
//                \boxed{A}) the result is undefined — the model committed to a non-numeric answer;
//       marker — groups in this order, the last occurrence within a group first:
//                "#### N" (GSM8K; the number must follow directly), "Final answer/result",
//                "Answer:" / "the answer is|would be|will be|should be", then "= N" closing the
//                last line, then a **bold** number on the last line. After a marker the number
//                must start within 40 characters on the same line (or on the next non-empty line
//                when the marker ends its line). An arithmetic chain is followed to its result
//                ("Answer: 3 + 4 = 7" → 7);
//   (c) last   — the last number in the text (LaTeX cleaned), skipping date/time tokens always and
//                skipping "weak" tokens (ordered-list markers "1. Foo"/"2) Foo" at line start, and
//                "Step 2") unless nothing else is left.
// See number-tokens.ts for the accepted number shapes and separator rules.
import { parseJsonLoose } from './json.js';
import { boxedValue, cleanLatex, fromMarkers, fromTrailingBold, fromTrailingEquals, lastBoxedContent } from './number-markers.js';
import { parseNumberLoose, tokenize } from './number-tokens.js';
import type { NumberToken } from './number-tokens.js';

export { parseNumberLoose } from './number-tokens.js';

export type FinalNumberSource = 'json' | 'marker' | 'boxed' | 'last';

export interface FinalNumber {
  readonly value: number;
  readonly raw: string;
  readonly source: FinalNumberSource;
}

export interface Tolerance {
  readonly abs?: number;
  readonly rel?: number;
}

/**
 * True when |a − b| ≤ abs (default 1e-9) OR |a − b| ≤ rel · max(|a|, |b|) (default 0).
 * An infinity is close only to the same infinity; NaN is never close.
 */
export function numbersClose(a: number, b: number, { abs = 1e-9, rel = 0 }: Tolerance = {}): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(a - b);
  return diff <= abs || diff <= rel * Math.max(Math.abs(a), Math.abs(b));
}

const ANSWER_KEYS = ['answer', 'final_answer', 'result', 'value'] as const;

function fromJson(text: string): FinalNumber | undefined {
  if (!text.includes('{')) return undefined;
  const parsed = parseJsonLoose(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return undefined;
  }
  const entries = Object.entries(parsed.value);
  for (const key of ANSWER_KEYS) {
    const v = entries.find(([k]) => k.toLowerCase() === key)?.[1];
    if (typeof v === 'number' && Number.isFinite(v)) return { value: v, raw: String(v), source: 'json' };
    const n = typeof v === 'string' ? parseNumberLoose(v) : undefined;
    if (typeof v === 'string' && n !== undefined) return { value: n, raw: v.trim(), source: 'json' };
  }
  return undefined;
}

function fromToken(token: NumberToken | undefined, source: FinalNumberSource): FinalNumber | undefined {
  return token?.value === undefined ? undefined : { value: token.value, raw: token.raw, source };
}

function lastNumber(text: string): NumberToken | undefined {
  const numbers = tokenize(text).filter((t) => t.kind === 'number' && t.value !== undefined);
  return numbers.filter((t) => !t.weak).at(-1) ?? numbers.at(-1);
}

/** The final-answer number stated in a model output, or undefined if there is none. */
export function extractFinalNumber(text: string): FinalNumber | undefined {
  const json = fromJson(text);
  if (json !== undefined) return json;
  const boxed = lastBoxedContent(text);
  if (boxed !== undefined) {
    const value = boxedValue(boxed);
    return value === undefined ? undefined : { value, raw: boxed.trim(), source: 'boxed' };
  }
  const plain = cleanLatex(text);
  const marked = fromMarkers(plain) ?? fromTrailingEquals(plain) ?? fromTrailingBold(plain);
  return fromToken(marked, 'marker') ?? fromToken(lastNumber(plain), 'last');
}
