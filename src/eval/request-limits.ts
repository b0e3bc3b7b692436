import type { Sample } from '../types.js';
import type { EvalSpec, ModelSpec } from '../spec/types.js';
import { buildRequest } from '../runner/request.js';
import { requestChars } from '../prompt/content.js';
import { providerDefinition } from '../providers/registry.js';
import type { RequestLimits } from '../providers/definition.js';
import { tokens } from './forecast-judges.js';
import { thousands as int } from '../util/thousands.js';

// Before any call: each sample's request against what its model's API takes. A request larger than the
// API's request-size limit (the Messages API: 32 MB; a batch create: 256 MB) is refused (exit 2): it
// could only come back as an error after its upload. The context window is checked on an estimate
// (~4 characters a token, the --dry-run forecast's), so it only warns: a prompt estimated above the
// window is likely refused by the API (an error record, nothing paid); one whose estimate plus
// max_tokens passes the window may have its answer cut off (stop reason model_context_window_exceeded).
// Images and PDFs are left out of the size here: checkMedia (spec/check-content) holds them to their
// own limits. A few samples are named per problem, with how many samples have it.

const SHOWN = 3;

export interface RequestLimitFindings {
  /** Requests the API cannot take: the run is refused. */
  readonly issues: readonly string[];
  readonly warnings: readonly string[];
}

interface Tally { count: number; readonly shown: string[] }
const tally = (): Tally => ({ count: 0, shown: [] });
const note = (t: Tally, line: string) => {
  t.count += 1;
  if (t.shown.length < SHOWN) t.shown.push(line);
};
const plural = (n: number) => `${int(n)} sample${n === 1 ? '' : 's'}`;
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The spec as buildRequest sees it, without the samples' media (they are read from disk; checkMedia sizes them). */
const withoutMedia = (spec: EvalSpec): EvalSpec => {
  if (spec.dataset.fields.images === undefined) return spec;
  const { images: _images, ...fields } = spec.dataset.fields;
  return { ...spec, dataset: { ...spec.dataset, fields } };
};

interface Checked { readonly model: ModelSpec; readonly limits: RequestLimits; readonly big: Tally; readonly over: Tally; readonly cut: Tally }

/** Lines of one tally: the samples shown, then how many more. */
function lines(t: Tally, more: (n: number) => string): string[] {
  return t.count > t.shown.length ? [...t.shown, more(t.count - t.shown.length)] : t.shown;
}

export function checkRequestLimits(spec: EvalSpec, samples: Iterable<Sample>, opts: { readonly batch: boolean }): RequestLimitFindings {
  const c = requestLimitChecker(spec, opts);
  if (c.needed) for (const s of samples) c.add(s);
  return c.finish();
}

/** The request-limit check fed one sample at a time, in run order; finish() gives what it found. */
export interface RequestLimitChecker {
  /** Whether any model has limits to check (else add does nothing, and the samples need not be read). */
  readonly needed: boolean;
  add(sample: Sample): void;
  finish(): RequestLimitFindings;
}

export function requestLimitChecker(spec: EvalSpec, opts: { readonly batch: boolean }): RequestLimitChecker {
  const checked: Checked[] = [];
  for (const model of spec.models) {
    const limits = providerDefinition(model.provider)?.requestLimits?.(model, opts.batch);
    if (limits !== undefined) checked.push({ model, limits, big: tally(), over: tally(), cut: tally() });
  }
  const bare = withoutMedia(spec);
  const add = (s: Sample): void => {
    for (const c of checked) {
      const req = buildRequest(bare, c.model, s);
      const bytes = Buffer.byteLength(JSON.stringify(req));
      const where = `sample ${s.id} (${s.source})`;
      const { maxBytes, bytesRule, contextTokens } = c.limits;
      if (bytes > maxBytes) note(c.big, `${where}: its request to ${c.model.id} is ${mb(bytes)} (${int(bytes)} bytes), above the limit of ${bytesRule}`);
      if (contextTokens === undefined) continue;
      const input = tokens(requestChars(req));
      if (input > contextTokens) note(c.over, `${s.id} (${s.source}: about ${int(input)})`);
      else if (input + c.model.maxTokens > contextTokens) note(c.cut, `${s.id} (${s.source}: about ${int(input)} + ${int(c.model.maxTokens)})`);
    }
  };
  return { needed: checked.length > 0, add, finish: () => findingsOf(checked) };
}

function findingsOf(checked: readonly Checked[]): RequestLimitFindings {
  const issues: string[] = [];
  const warnings: string[] = [];
  for (const c of checked) {
    if (c.big.count > 0) {
      const fix = `shorten ${c.big.count === 1 ? 'that sample' : 'those samples'} or leave ${c.big.count === 1 ? 'it' : 'them'} out of the dataset${c.limits.bytesFix === undefined ? '' : ` (${c.limits.bytesFix})`}`;
      issues.push(...lines(c.big, (n) => `… and ${n} more sample(s) above the limit`).map((l, i, all) => (i === all.length - 1 ? `${l}; ${fix}` : l)));
    }
    const window = `${c.model.model}'s context window of ${int(c.limits.contextTokens ?? 0)} tokens`;
    const samples = (t: Tally) => `${lines(t, (n) => `and ${n} more`).join(', ')}`;
    if (c.over.count > 0) {
      warnings.push(`${c.model.id}: ${plural(c.over.count)} with more input tokens (estimated at ~4 characters a token) than ${window}: ${samples(c.over)}; the API is likely to refuse ${c.over.count === 1 ? 'it' : 'them'} (an error record, nothing paid); shorten ${c.over.count === 1 ? 'it' : 'them'} or use a model with a larger window`);
    }
    if (c.cut.count > 0) {
      warnings.push(`${c.model.id}: ${plural(c.cut.count)} whose input tokens (estimated) + max_tokens pass ${window}: ${samples(c.cut)}; the answer may be cut off (stop reason model_context_window_exceeded); lower max_tokens or shorten ${c.cut.count === 1 ? 'it' : 'them'}`);
    }
  }
  return { issues, warnings };
}
