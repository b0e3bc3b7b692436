// Tolerant JSON extraction from model output (real model outputs are messy).
//
// Search order (the first that yields a value wins):
//   1. the whole text (BOM stripped, trimmed): strict JSON → repaired: [] (plus 'bom' if one was
//      stripped); if it starts with `{`/`[` it may also be repaired;
//   2. fenced blocks (``` / ~~~, with or without a language), LAST first, so the last block that
//      parses wins → 'fence' (+ 'prose' if there is text outside the block);
//   3. bare `{…}`/`[…]` values embedded in prose, found by balanced-bracket scanning that respects
//      strings and escapes → 'prose'. The last OBJECT wins; arrays are used only if no object
//      parses (so a citation like "[1]" never beats a real object).
// Repairs (each candidate is tried strictly first): raw newlines/CR ('raw-newline'), tabs
// ('raw-tab') and other control characters ('raw-control') inside strings are escaped, trailing
// commas are dropped ('trailing-comma'), and “smart-quoted” strings become plain ('smart-quotes').
// Not repaired: single quotes, comments, unquoted keys, Python literals, truncated output.
import { findClose, repairJson, scanFencedBlocks } from './json-repair.js';

export { getPath } from './json-path.js';
export type { PathResult } from './json-path.js';

export type JsonLooseResult =
  | { readonly ok: true; readonly value: unknown; readonly repaired: readonly string[] }
  | { readonly ok: false; readonly error: string };

type Attempt = { ok: true; value: unknown; repaired: string[] } | { ok: false; error: string };

/** Bodies of the markdown fenced blocks in `text`, in order of appearance. */
export function extractFencedBlocks(text: string): string[] {
  return scanFencedBlocks(text).map((b) => b.body);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function parseCandidate(candidate: string): Attempt {
  try {
    return { ok: true, value: JSON.parse(candidate), repaired: [] };
  } catch (strictError) {
    const fixed = repairJson(candidate);
    if (fixed.repaired.length === 0) return { ok: false, error: message(strictError) };
    try {
      return { ok: true, value: JSON.parse(fixed.text), repaired: fixed.repaired };
    } catch (repairedError) {
      return { ok: false, error: message(repairedError) };
    }
  }
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

function fromFences(text: string): Attempt | undefined {
  const blocks = scanFencedBlocks(text);
  let firstError: string | undefined;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i];
    if (block === undefined || block.body.trim() === '') continue;
    const attempt = parseCandidate(block.body.trim());
    if (attempt.ok) {
      const outside = text.slice(0, block.start) + text.slice(block.end);
      const where = outside.trim() === '' ? ['fence'] : ['fence', 'prose'];
      return { ...attempt, repaired: [...where, ...attempt.repaired] };
    }
    firstError ??= attempt.error;
  }
  return firstError === undefined ? undefined : { ok: false, error: firstError };
}

function fromProse(text: string): Attempt | undefined {
  let best: Extract<Attempt, { ok: true }> | undefined;
  let firstError: string | undefined;
  const memo = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '{' && c !== '[') continue;
    const end = findClose(text, i, memo);
    if (end === -1) continue;
    const attempt = parseCandidate(text.slice(i, end + 1));
    if (!attempt.ok) {
      firstError ??= attempt.error;
      continue; // an inner value may still parse
    }
    if (best === undefined || isObject(attempt.value) || !isObject(best.value)) best = attempt;
    i = end;
  }
  if (best !== undefined) return { ...best, repaired: ['prose', ...best.repaired] };
  return firstError === undefined ? undefined : { ok: false, error: firstError };
}

/** Finds and parses the JSON value a model meant. Never evaluates code. */
export function parseJsonLoose(text: string): JsonLooseResult {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const prefix = bom ? ['bom'] : [];
  const trimmed = body.trim();
  if (trimmed === '') return { ok: false, error: 'empty output' };

  const whole = parseCandidate(trimmed);
  if (whole.ok && (whole.repaired.length === 0 || /^[[{]/.test(trimmed))) {
    return { ok: true, value: whole.value, repaired: [...prefix, ...whole.repaired] };
  }
  const fenced = fromFences(body);
  if (fenced?.ok) return { ok: true, value: fenced.value, repaired: [...prefix, ...fenced.repaired] };
  const prose = fromProse(body);
  if (prose?.ok) return { ok: true, value: prose.value, repaired: [...prefix, ...prose.repaired] };

  const error = fenced?.error ?? prose?.error ?? (whole.ok ? undefined : whole.error);
  const looksJson = fenced !== undefined || prose !== undefined || /^[[{]/.test(trimmed);
  return { ok: false, error: looksJson && error !== undefined ? `invalid JSON: ${error}` : 'no JSON value found' };
}
