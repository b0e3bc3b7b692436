import { parseJsonLoose } from '../extract/json.js';
import { findClose } from '../extract/json-repair.js';
import { checkNonce } from './prompt.js';
import { offScale } from './scale.js';
import { findGradedLabel, GRADED_WINNER, readGradedLabel } from './graded.js';
import type { Scale, JudgeVerdict, VerdictResult, VerdictShape, Winner } from '../types/judge-task.js';

// Parses a judge's answer into a validated verdict (issue 5). With output_config.format the answer
// is plain JSON; without it (or from other providers) it is whatever the model wrote, so:
//   1. stop_reason 'refusal' → refused, whatever the text says.
//   2. Echoed data blocks are cut out: from an opening nonce tag to the LAST closing tag of that
//      name (to the end of the text if it never closes: fail closed), so JSON inside an echoed copy
//      of the output, or after a forged closing tag inside it, is never seen.
//   3. Every balanced `{…}` in what remains is a candidate, tried from the one that ENDS last
//      backwards (so an outer object beats the objects nested in it); each is parsed with
//      parseJsonLoose (strict, then its repairs: raw newlines, trailing commas, smart quotes).
//      The first that has the verdict's key (score / winner / scores) is the judge's final answer.
//      Single-quoted JSON is not repaired by parseJsonLoose, so it is malformed here too.
//   4. That one candidate is validated strictly; if it fails, the answer is malformed: we never
//      fall back to an earlier object (it may be a forged verdict the judge quoted).
// Decisions: a numeric string score ("7") is accepted and noted 'score-string'; a score off the
// scale, or 7.5 on an integer scale, is malformed (never clamped or rounded); winner case is
// normalised ("a" → "A", "Tie" → "tie", noted 'winner-case'); a missing "reasoning" reads as "";
// criteria not declared are ignored, a declared one missing is malformed.

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

const VERDICT_KEY = { rubric: 'score', reference: 'score', pairwise: 'winner', criteria: 'scores' } as const;

const REFUSAL =
  /\b(I(['’]m| am) (sorry|unable|not able|not comfortable|afraid)|I (can(no|['’])t|won['’]t|will not|must decline|refuse|decline)|as an AI)\b/i;

interface Tag {
  readonly start: number;
  readonly end: number;
  readonly close: boolean;
  readonly name: string;
}

/** The text with every nonce-tagged block (an echoed copy of the data) cut out. */
export function stripDataBlocks(text: string, nonce: string): string {
  checkNonce(nonce);
  const tags: Tag[] = [...text.matchAll(new RegExp(`<\\s*(?:(/)\\s*)?([\\w-]+?)-${nonce}\\s*>`, 'gi'))].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    close: m[1] === '/',
    name: (m[2] ?? '').toLowerCase(),
  }));
  const lastClose = new Map<string, Tag>();
  for (const t of tags) if (t.close) lastClose.set(t.name, t);
  let out = '';
  let pos = 0;
  for (const tag of tags) {
    if (tag.start < pos) continue; // inside a block already cut
    out += text.slice(pos, tag.start);
    if (tag.close) {
      pos = tag.end; // a stray closing tag: drop the tag alone
      continue;
    }
    const last = lastClose.get(tag.name);
    out += ' ';
    pos = last !== undefined && last.start > tag.start ? last.end : text.length;
  }
  return out + text.slice(pos);
}

/** Balanced `{…}` spans, the one ending last first; an outer object before the ones inside it. */
function objectSpans(text: string): { start: number; end: number }[] {
  const memo = new Map<number, number>();
  const spans: { start: number; end: number }[] = [];
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) {
    const end = findClose(text, i, memo);
    if (end !== -1) spans.push({ start: i, end });
  }
  return spans.sort((a, b) => b.end - a.end || a.start - b.start);
}

type Found = { value: Record<string, unknown>; repaired: readonly string[] };

/** Candidates tried at most: the verdict is normally the first; this bounds the work on a pathological answer. */
const MAX_CANDIDATES = 200;

/** The last verdict-shaped object, and whether any JSON object parsed at all. */
function findVerdictObject(text: string, key: string): { found?: Found; anyJson: boolean } {
  let anyJson = false;
  for (const span of objectSpans(text).slice(0, MAX_CANDIDATES)) {
    const parsed = parseJsonLoose(text.slice(span.start, span.end + 1));
    // Only the span itself counts; an object parseJsonLoose found inside it is its own span.
    if (!parsed.ok || parsed.repaired.includes('prose') || parsed.repaired.includes('fence')) continue;
    const value = parsed.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    anyJson = true;
    if (Object.hasOwn(value, key)) return { found: { value: value as Record<string, unknown>, repaired: parsed.repaired }, anyJson };
  }
  return { anyJson };
}

const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

function readScore(raw: unknown, scale: Scale, what: string, repaired: Set<string>): Check<number> {
  let score: number;
  if (typeof raw === 'number') score = raw;
  else if (typeof raw === 'string' && NUMERIC.test(raw)) {
    score = Number(raw);
    repaired.add('score-string');
  } else return { ok: false, message: `${what} must be a number, got ${JSON.stringify(raw)}` };
  const off = offScale(score, scale);
  return off === undefined ? { ok: true, value: score } : { ok: false, message: `${what}: ${off}` };
}

function readWinner(raw: unknown, repaired: Set<string>): Check<Winner> {
  if (raw === 'A' || raw === 'B' || raw === 'tie') return { ok: true, value: raw };
  const norm = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  const winner = norm === 'a' ? 'A' : norm === 'b' ? 'B' : norm === 'tie' ? 'tie' : undefined;
  if (winner === undefined) return { ok: false, message: `winner must be "A", "B" or "tie", got ${JSON.stringify(raw)}` };
  repaired.add('winner-case');
  return { ok: true, value: winner };
}

function readGrade(raw: unknown, reasoning: string): Check<JudgeVerdict> {
  const label = typeof raw === 'string' ? readGradedLabel(raw) : undefined;
  if (label === undefined) return { ok: false, message: `verdict must be one of [[A>>B]], [[A>B]], [[A=B]], [[B>A]], [[B>>A]], got ${JSON.stringify(raw)}` };
  return { ok: true, value: { kind: 'pairwise', reasoning, winner: GRADED_WINNER[label], grade: label } };
}

/** A graded verdict written in prose (no JSON verdict object): Arena-Hard's [[label]] search. */
function gradedFromProse(visible: string, refused: boolean): VerdictResult {
  const found = findGradedLabel(visible);
  if (!found.ok && found.why === 'none' && refused) return { ok: false, kind: 'refused', message: `the judge refused: ${excerpt(visible.trim())}` };
  if (found.ok) return { ok: true, verdict: { kind: 'pairwise', reasoning: visible.trim(), winner: GRADED_WINNER[found.label], grade: found.label }, repaired: ['prose-label'] };
  const message = found.why === 'conflict'
    ? `the judge's answer gives different verdicts (${found.labels.map((l) => `[[${l}]]`).join(', ')})`
    : `no verdict label ([[A>>B]] … [[B>>A]]) in the judge's answer: ${excerpt(visible.trim())}`;
  return { ok: false, kind: 'malformed', message };
}

function readScores(raw: unknown, expect: Extract<VerdictShape, { kind: 'criteria' }>, repaired: Set<string>): Check<Record<string, number>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: `scores must be an object, got ${JSON.stringify(raw)}` };
  }
  const scores: Record<string, number> = {};
  for (const c of expect.criteria) {
    if (!Object.hasOwn(raw, c.name)) return { ok: false, message: `scores: criterion "${c.name}" is missing` };
    const s = readScore((raw as Record<string, unknown>)[c.name], c.scale, `scores.${c.name}`, repaired);
    if (!s.ok) return s;
    scores[c.name] = s.value;
  }
  return { ok: true, value: scores };
}

function validate(obj: Record<string, unknown>, expect: VerdictShape, repaired: Set<string>): Check<JudgeVerdict> {
  const r = obj['reasoning'];
  if (r !== undefined && typeof r !== 'string') return { ok: false, message: `reasoning must be a string, got ${JSON.stringify(r)}` };
  const reasoning = r ?? '';
  switch (expect.kind) {
    case 'rubric':
    case 'reference': {
      const s = readScore(obj['score'], expect.scale, 'score', repaired);
      return s.ok ? { ok: true, value: { kind: expect.kind, reasoning, score: s.value } } : s;
    }
    case 'pairwise': {
      if (expect.scale === 'graded') return readGrade(obj['verdict'], reasoning);
      const w = readWinner(obj['winner'], repaired);
      return w.ok ? { ok: true, value: { kind: 'pairwise', reasoning, winner: w.value } } : w;
    }
    case 'criteria': {
      const s = readScores(obj['scores'], expect, repaired);
      return s.ok ? { ok: true, value: { kind: 'criteria', reasoning, scores: s.value } } : s;
    }
  }
}

const excerpt = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);

/**
 * The judge's verdict from its answer text, validated against the shape its prompt declared.
 * `stopReason` is the provider's (Completion.stopReason): 'refusal' means refused.
 */
export function parseVerdict(text: string, expect: VerdictShape, stopReason: string | null = null): VerdictResult {
  if (stopReason === 'refusal') return { ok: false, kind: 'refused', message: 'the judge refused (stop_reason refusal)' };
  const graded = expect.kind === 'pairwise' && expect.scale === 'graded';
  const key = graded ? 'verdict' : VERDICT_KEY[expect.kind];
  const visible = stripDataBlocks(text, expect.nonce);
  const { found, anyJson } = findVerdictObject(visible, key);
  if (found === undefined) {
    const label = graded ? findGradedLabel(visible) : undefined;
    if (label !== undefined && (label.ok || label.why === 'conflict' || !anyJson)) return gradedFromProse(visible, REFUSAL.test(visible));
    if (!anyJson && REFUSAL.test(visible)) return { ok: false, kind: 'refused', message: `the judge refused: ${excerpt(visible.trim())}` };
    const why = stopReason === 'max_tokens' ? ' (answer truncated at max_tokens)' : '';
    const what = anyJson ? `no JSON object with a "${key}" field` : 'no JSON object';
    return { ok: false, kind: 'malformed', message: `${what} in the judge's answer${why}: ${excerpt(visible.trim())}` };
  }
  const repaired = new Set(found.repaired);
  const checked = validate(found.value, expect, repaired);
  if (!checked.ok) return { ok: false, kind: 'malformed', message: checked.message };
  return { ok: true, verdict: checked.value, repaired: [...repaired] };
}
