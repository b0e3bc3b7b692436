// Token log-probabilities as an OpenAI-compatible endpoint returns them (choices[].logprobs.content[]
// when the request sets logprobs: true, with top_logprobs alternatives per token). The fake server
// splits the answer into word, space and punctuation tokens (as BPE tokenisers roughly do: `{"`,
// `reasoning`, `":"`, `A`, `"}`), gives each a high-probability log-probability with plausible
// alternatives, and lets a test set the alternatives of chosen tokens (a judge's verdict token).

export interface WireTopLogprob {
  readonly token: string;
  readonly logprob: number;
  readonly bytes: readonly number[];
}

export interface WireTokenLogprob extends WireTopLogprob {
  readonly top_logprobs: readonly WireTopLogprob[];
}

/** The answer text as tokens: runs of letters, of digits, of spaces, and of other characters. */
export function fakeTokens(text: string): string[] {
  return text.match(/[A-Za-z]+|\d+|\s+|[^A-Za-z\d\s]+/g) ?? [];
}

const bytes = (s: string) => [...Buffer.from(s, 'utf8')];
const entry = (token: string, logprob: number): WireTopLogprob => ({ token, logprob, bytes: bytes(token) });

/**
 * Probabilities of the alternatives at one token: `at` picks the token (its index in fakeTokens), `probs`
 * maps each alternative token to its probability (the chosen token's included; they need not sum to 1).
 */
export interface TokenOverride {
  readonly at: (tokens: readonly string[]) => number;
  readonly probs: Readonly<Record<string, number>>;
}

/** logprobs.content for `text`, `top` alternatives per token, with the overrides applied. */
export function wireLogprobs(text: string, top: number, overrides: readonly TokenOverride[] = []): WireTokenLogprob[] {
  const tokens = fakeTokens(text);
  const chosen = new Map<number, Readonly<Record<string, number>>>();
  for (const o of overrides) {
    const i = o.at(tokens);
    if (i >= 0) chosen.set(i, o.probs);
  }
  return tokens.map((token, i) => {
    const probs = chosen.get(i);
    if (probs === undefined) {
      // A confident token: the chosen one at p ≈ 0.98, then two unlikely alternatives.
      const alts = [entry(token, Math.log(0.98)), entry(`${token}s`, Math.log(0.015)), entry(` ${token}`, Math.log(0.005))];
      return { ...entry(token, Math.log(0.98)), top_logprobs: alts.slice(0, top) };
    }
    const ranked = Object.entries(probs).sort((a, b) => b[1] - a[1]).map(([t, p]) => entry(t, Math.log(p)));
    return { ...entry(token, Math.log(probs[token] ?? 1e-6)), top_logprobs: ranked.slice(0, top) };
  });
}

/** The token holding a JSON answer's last "winner" value (its first letter), for an override's `at`. */
export const winnerToken = (tokens: readonly string[]): number => {
  for (let i = tokens.length - 1; i >= 2; i--) {
    if (tokens[i - 1]?.replace(/\s/g, '') === '":"' && tokens[i - 2] === 'winner') return i;
  }
  return -1;
};
