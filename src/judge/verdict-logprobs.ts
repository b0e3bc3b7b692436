import type { TokenLogprob } from '../types.js';
import type { Winner, WinnerProbs } from '../types/judge-task.js';
import { normaliseProbs } from './graded.js';

// The distribution of a pairwise judge's verdict from the answer's token log-probabilities (an
// OpenAI-compatible endpoint asked with logprobs and top_logprobs). The verdict position is the
// token holding the first character of the LAST `"winner": "` value in the answer (the parser
// reads the last verdict object too). Its alternatives (top_logprobs, plus the chosen token) are
// mapped to A, B or tie by their letters ("A", " A", "\"A" are A; "t", "ti", "tie" are tie), their
// probabilities summed per winner and renormalised over the three (AlpacaEval's weighted
// preference renormalises over its two verdict tokens the same way). No such position, a chosen
// token that is not a verdict token, or one that disagrees with the parsed winner: undefined, and
// the caller falls back to the discrete verdict.

const WINNER_KEY = /"winner"\s*:\s*"/g;

/** The winner a token stands for, or undefined. */
export function winnerOfToken(token: string): Winner | undefined {
  const letters = token.replace(/[^A-Za-z]/g, '');
  if (letters === 'A' || letters === 'a') return 'A';
  if (letters === 'B' || letters === 'b') return 'B';
  const lower = letters.toLowerCase();
  return lower !== '' && 'tie'.startsWith(lower) && lower !== 'a' ? 'tie' : undefined;
}

/** Index of the token covering character `offset` of the joined text, or -1. */
function tokenAt(tokens: readonly TokenLogprob[], offset: number): number {
  let end = 0;
  for (let i = 0; i < tokens.length; i++) {
    end += tokens[i]?.token.length ?? 0;
    if (end > offset) return i;
  }
  return -1;
}

/** The verdict's winner probabilities, or undefined when the log-probabilities do not show them. */
export function winnerProbs(tokens: readonly TokenLogprob[] | undefined, parsed: Winner): WinnerProbs | undefined {
  if (tokens === undefined || tokens.length === 0) return undefined;
  const joined = tokens.map((t) => t.token).join('');
  const last = [...joined.matchAll(WINNER_KEY)].at(-1);
  if (last === undefined) return undefined;
  const at = tokenAt(tokens, last.index + last[0].length);
  const chosen = at === -1 ? undefined : tokens[at];
  if (chosen === undefined || winnerOfToken(chosen.token) !== parsed) return undefined;
  const seen = new Map<string, number>();
  for (const alt of [...chosen.top, { token: chosen.token, logprob: chosen.logprob }]) {
    if (Number.isFinite(alt.logprob) && !seen.has(alt.token)) seen.set(alt.token, alt.logprob);
  }
  const mass = { A: 0, B: 0, tie: 0 };
  for (const [token, logprob] of seen) {
    const w = winnerOfToken(token);
    if (w !== undefined) mass[w] += Math.exp(logprob);
  }
  return normaliseProbs(mass);
}
