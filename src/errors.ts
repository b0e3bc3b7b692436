import type { FailureKind, JudgeCalls, JudgeEscalationFailure, RateLimits } from './types.js';

/** Base of every error haikubench raises on purpose. `exitCode` is the CLI contract. */
export class HarnessError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad user input: spec, dataset, flag or template. Nothing has been sent to a model. Exit 2. */
export class InputError extends HarnessError {
  readonly title: string;
  readonly issues: readonly string[];
  constructor(code: string, title: string, issues: readonly string[]) {
    const body = issues.length === 0 ? '' : `\n  ${issues.join('\n  ')}`;
    super(code, `${title}${body}`, 2);
    this.title = title;
    this.issues = issues;
  }
}

export class SpecError extends InputError {
  constructor(file: string, issues: readonly string[]) {
    super('spec.invalid', `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues);
  }
}

export class DatasetError extends InputError {
  constructor(file: string, issues: readonly string[]) {
    super('dataset.invalid', `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues);
  }
}

/** A classified failure of one model call. Only runner/execute turns it into a record. */
export class ProviderError extends HarnessError {
  readonly kind: FailureKind;
  readonly retryAfterMs: number | undefined;
  /** The rate-limit headers of the error response (a 429's tell whether the budget is spent). */
  readonly limits: RateLimits | undefined;
  constructor(kind: FailureKind, message: string, retryAfterMs?: number, options?: { cause?: unknown; limits?: RateLimits | undefined }) {
    super(`provider.${kind}`, message, 3, options);
    this.kind = kind;
    this.retryAfterMs = retryAfterMs;
    this.limits = options?.limits;
  }
}

/** The run could not complete (aborted, or errors past the allowed limit). Exit 3. */
export class RunError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('run.failed', message, 3, options);
  }
}

/**
 * A model-graded scorer's judge gave no usable verdict (malformed after its re-asks, refused, or its
 * call failed). runner/execute turns it into an error record of kind 'judge': never a failed sample.
 * It carries what the judge calls cost, so the record still reports the judge's tokens.
 */
export class JudgeError extends HarnessError {
  readonly calls: JudgeCalls;
  /** Set when a cascade escalated and the escalation judge gave no verdict either. */
  readonly escalation: JudgeEscalationFailure | undefined;
  constructor(message: string, calls: JudgeCalls, escalation?: JudgeEscalationFailure) {
    super('judge.failed', message, 3);
    this.calls = calls;
    this.escalation = escalation;
  }
}

/**
 * An item's scoring waited on work the run stopped before doing (pairwise against_model: the
 * reference model's answer), or a plug-in scorer's call was ended by the stop. runner/execute records it as kind 'aborted', so a resume runs it again.
 */
export class StoppedError extends HarnessError {
  /** Where the item was when the run stopped: a judge's wait (default), or a plug-in scorer's call. */
  readonly stage: 'judge' | 'scorer';
  constructor(message: string, stage: 'judge' | 'scorer' = 'judge') {
    super('run.stopped', message, 3);
    this.stage = stage;
  }
}
