// The vocabulary of model-graded scoring: what a judge is asked (JudgeTask), what it must answer
// (VerdictShape), and what it said (Verdict). Pure data; no calls are made anywhere in src/judge/.

/**
 * The scores a judge may give. `integer`: every integer in [min, max] (a 7.5 is malformed, never
 * rounded); `continuous`: a finite number in [min, max]; `values`: exactly these numbers (partial
 * credit, e.g. [0, 0.5, 1]).
 */
export type Scale =
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'continuous'; readonly min: number; readonly max: number }
  | { readonly type: 'values'; readonly values: readonly number[] };

export type Winner = 'A' | 'B' | 'tie';
export const WINNERS = ['A', 'B', 'tie'] as const satisfies readonly Winner[];

/** A pairwise verdict's scale: A / B / tie (default), or Arena-Hard's five graded levels. */
export type PairwiseScale = 'ab' | 'graded';
/** Arena-Hard's five levels, as the judge writes them between [[ ]]: A much better, A better, equal, B better, B much better. */
export type GradedLabel = 'A>>B' | 'A>B' | 'A=B' | 'B>A' | 'B>>A';
export const GRADED_LABELS = ['A>>B', 'A>B', 'A=B', 'B>A', 'B>>A'] as const satisfies readonly GradedLabel[];
/** A judge's probability of each winner at its verdict token, renormalised over the verdict tokens (sums to 1). */
export interface WinnerProbs { readonly A: number; readonly B: number; readonly tie: number }

export interface Criterion {
  /** Key of this criterion in the verdict's `scores` object. */
  readonly name: string;
  readonly description: string;
  readonly scale: Scale;
}

/**
 * What the judge is asked. Every text field is already rendered by the caller ({{var}} filled);
 * `input`, `output(A|B)` and `reference` are untrusted data and go into nonce-tagged blocks.
 * `rubric`, `instructions` and criterion descriptions come from the spec author and are trusted.
 */
export type JudgeTask =
  | { readonly kind: 'rubric'; readonly rubric: string; readonly scale: Scale; readonly input?: string; readonly output: string }
  | {
      readonly kind: 'reference';
      readonly reference: string;
      /** Allowed scores strictly between 0 and 1 (e.g. [0.5]); without it the verdict is 0 or 1. */
      readonly partialCredit?: readonly number[];
      readonly instructions?: string;
      readonly input?: string;
      readonly output: string;
    }
  | {
      readonly kind: 'pairwise';
      /** What "better" means for this comparison. */
      readonly instructions: string;
      /** graded: ask for an Arena-Hard label ([[A>>B]] … [[B>>A]]); absent: A / B / tie. */
      readonly scale?: 'graded';
      /** Ask the endpoint for token log-probabilities and weigh the verdict by them (openai: judges). */
      readonly logprobs?: boolean;
      readonly input?: string;
      readonly outputA: string;
      readonly outputB: string;
    }
  | {
      readonly kind: 'criteria';
      readonly criteria: readonly Criterion[];
      readonly input?: string;
      readonly output: string;
    };

export type JudgeKind = JudgeTask['kind'];

/** What a valid answer to a prompt looks like: the parser validates against it. */
export type VerdictShape = { readonly nonce: string } & (
  | { readonly kind: 'rubric' | 'reference'; readonly scale: Scale }
  | { readonly kind: 'pairwise'; readonly scale?: 'graded' }
  | { readonly kind: 'criteria'; readonly criteria: readonly { readonly name: string; readonly scale: Scale }[] }
);

export type JudgeVerdict =
  | { readonly kind: 'rubric' | 'reference'; readonly reasoning: string; readonly score: number }
  | {
      readonly kind: 'pairwise';
      readonly reasoning: string;
      readonly winner: Winner;
      /** A graded verdict's label (its winner: A>>B and A>B are A, A=B a tie). */
      readonly grade?: GradedLabel;
      /** With logprobs: the verdict token's distribution, when the endpoint returned it. */
      readonly probs?: WinnerProbs;
    }
  | { readonly kind: 'criteria'; readonly reasoning: string; readonly scores: Readonly<Record<string, number>> };

/** Parsed judge answer. A failed judge call is never a failure of the model under evaluation. */
export type VerdictResult =
  | {
      readonly ok: true;
      readonly verdict: JudgeVerdict;
      /** Repairs applied to get there (parseJsonLoose's list, plus 'score-string', 'winner-case'). */
      readonly repaired: readonly string[];
    }
  | { readonly ok: false; readonly kind: 'malformed' | 'refused'; readonly message: string };

export type JsonSchema = { readonly [k: string]: JsonSchemaValue };
type JsonSchemaValue = string | number | boolean | readonly JsonSchemaValue[] | JsonSchema;

/** A built judge prompt. `version` belongs in the cache key and the run directory. */
export interface JudgePrompt {
  readonly system: string;
  readonly user: string;
  /** JSON Schema for Anthropic's output_config.format {type: 'json_schema', schema}. */
  readonly schema: JsonSchema;
  readonly version: string;
  readonly expect: VerdictShape;
}

// How k repeated judge samples of one item reduce to one verdict (judge/reduce computes them).
export type ReduceMethod = 'mean' | 'median' | 'majority';

export interface ReducedScore {
  readonly value: number;
  readonly k: number;
  /** Share of samples agreeing with the reduced value (see above); 1 when all k agree. */
  readonly agreement: number;
  /** Sample standard deviation (ddof 1); 0 when k = 1. */
  readonly sd: number;
}

export interface ReducedWinner {
  readonly winner: Winner;
  readonly k: number;
  readonly agreement: number;
  readonly counts: Readonly<Record<Winner, number>>;
}

export type ReducedVerdict =
  | { readonly kind: 'rubric' | 'reference'; readonly k: number; readonly score: ReducedScore }
  | {
      readonly kind: 'pairwise';
      readonly k: number;
      readonly winner: ReducedWinner;
      /** Graded or logprobs: the mean over the valid samples of the preference for output A, on 0..1 (judge/graded.ts). */
      readonly preferA?: number;
      /** With logprobs: valid samples whose answer came without usable log-probabilities (their discrete verdict was used). */
      readonly noLogprobs?: number;
    }
  | { readonly kind: 'criteria'; readonly k: number; readonly scores: Readonly<Record<string, ReducedScore>> };
