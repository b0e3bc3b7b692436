import type { RouteRecord } from './records.js';

// Which model is "small" (S, tried first or routed to by default) and which is "large" (L), when the
// user does not say: S is the cheapest model by mean cost per call, or, when a price is unknown, the one
// whose id names Haiku; L is the most expensive of the others, or, when prices are unknown, the only
// other model. Anything else is ambiguous and the user must name the model (never a silent guess).

export interface ModelInfo {
  readonly model: string;
  /** Records with status ok. */
  readonly ok: number;
  /** Mean USD per ok call; null when any ok call's cost is unknown or there are none. */
  readonly meanCost: number | null;
  readonly simulated: boolean;
}

/** Per model, in order of first appearance: ok calls, mean cost and whether it is simulated. */
export function modelInfo(records: Iterable<RouteRecord>): ModelInfo[] {
  const acc = new Map<string, { ok: number; cost: number; unknown: boolean; simulated: boolean }>();
  for (const r of records) {
    let a = acc.get(r.model);
    if (a === undefined) acc.set(r.model, (a = { ok: 0, cost: 0, unknown: false, simulated: false }));
    if (r.simulated === true) a.simulated = true;
    if (r.status !== 'ok') continue;
    a.ok++;
    if (r.costUsd === null) a.unknown = true;
    else a.cost += r.costUsd;
  }
  return [...acc].map(([model, a]) => ({
    model, ok: a.ok, simulated: a.simulated, meanCost: a.unknown || a.ok === 0 ? null : a.cost / a.ok,
  }));
}

export type ModelChoice =
  | { readonly status: 'ok'; readonly small: string; readonly large: string; readonly how: { readonly small: string; readonly large: string } }
  | { readonly status: 'problem'; readonly problems: readonly string[] };

const priced = (ms: readonly ModelInfo[]): boolean => ms.every((m) => m.meanCost !== null);

function defaultSmall(models: readonly ModelInfo[]): { model: string; how: string } | string {
  if (priced(models)) {
    const cheapest = [...models].sort((a, b) => (a.meanCost as number) - (b.meanCost as number))[0] as ModelInfo;
    return { model: cheapest.model, how: 'cheapest by mean cost per call' };
  }
  const haiku = models.filter((m) => /haiku/i.test(m.model));
  if (haiku.length === 1) return { model: (haiku[0] as ModelInfo).model, how: 'the Haiku model (prices unknown)' };
  return 'cannot tell which model is the small one (prices unknown); name it with --small';
}

function defaultLarge(models: readonly ModelInfo[], small: string): { model: string; how: string } | string {
  const others = models.filter((m) => m.model !== small);
  if (others.length === 0) return `only ${small} is in the runs: routing needs a second model on the same samples`;
  if (priced(others)) {
    const dearest = [...others].sort((a, b) => (b.meanCost as number) - (a.meanCost as number))[0] as ModelInfo;
    return { model: dearest.model, how: others.length === 1 ? 'the other model' : 'most expensive other model by mean cost per call' };
  }
  if (others.length === 1) return { model: (others[0] as ModelInfo).model, how: 'the other model' };
  return 'cannot tell which model is the large one (prices unknown); name it with --large';
}

/** S and L from the flags, or by default; problems name the flag to use. */
export function chooseModels(models: readonly ModelInfo[], wanted: { readonly small?: string | undefined; readonly large?: string | undefined }): ModelChoice {
  const ids = models.map((m) => m.model);
  const unknown = (flag: string, id: string) => `--${flag} ${id}: no such model in the runs (models: ${ids.join(', ')})`;
  const problems: string[] = [];
  if (wanted.small !== undefined && !ids.includes(wanted.small)) problems.push(unknown('small', wanted.small));
  if (wanted.large !== undefined && !ids.includes(wanted.large)) problems.push(unknown('large', wanted.large));
  if (problems.length > 0) return { status: 'problem', problems };
  const small = wanted.small !== undefined ? { model: wanted.small, how: '--small' } : defaultSmall(models);
  if (typeof small === 'string') return { status: 'problem', problems: [small] };
  const large = wanted.large !== undefined ? { model: wanted.large, how: '--large' } : defaultLarge(models, small.model);
  if (typeof large === 'string') return { status: 'problem', problems: [large] };
  if (small.model === large.model) return { status: 'problem', problems: [`--small and --large are the same model (${small.model})`] };
  return { status: 'ok', small: small.model, large: large.model, how: { small: small.how, large: large.how } };
}
