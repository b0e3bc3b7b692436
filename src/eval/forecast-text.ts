import { table } from 'table';
import type { Forecast, ModelForecast, TimeForecast } from './forecast.js';
import type { JudgeForecast } from './forecast-judges.js';
import { duration, int, usd } from '../report/render/format.js';

const nameOf = (m: ModelForecast): string => (m.simulated ? `${m.label.replace(/ \(simulated\)$/, '')} [SIMULATED]` : m.label);

const span = ([lo, hi]: readonly [number, number]): string => (lo === hi ? duration(hi) : `${duration(lo)} to ${duration(hi)}`);

/** "time ≥ 4 min (50 requests/min)", "≈ 20 s (latency 200 ms × 5,000 calls / concurrency 50)", or why it is unknown. */
export function renderTime(t: TimeForecast): string {
  const shared = t.sharedWith.length > 0 ? ` — queue and limits shared with ${t.sharedWith.join(', ')}` : '';
  if (t.ms === null) return t.basis;
  // The bound that reached the high end is the one named.
  const binding = t.bounds.find((b) => b.ms[1] === t.ms?.[1] && (t.kind === 'about') === (b.kind === 'latency'));
  const label = binding?.label ?? t.basis;
  if (t.kind === 'about') return `${t.ms[1] === 0 ? 'instant' : `≈ ${span(t.ms)}`} (${label})${shared}`;
  if (t.ms[1] === 0) return `no wait from the limits (${t.bounds.map((b) => b.label).join(', ')}): it all fits in the first minute; latency unknown before a run${shared}`;
  const range = t.ms[0] === t.ms[1] ? '' : '; from no output to every call at max_tokens';
  return `time ≥ ${span(t.ms)} (${label}${range})${shared}`;
}

/** A forecast cost range; a simulated model's or judge's says it is simulated (nothing will be paid). */
const costRange = (c: readonly [number, number] | null, simulated: boolean): string =>
  c === null ? 'unknown (no price)' : `${usd(c[0])} – ${usd(c[1])}${simulated ? ' (simulated, not paid)' : ''}`;

const judgeName = (j: JudgeForecast): string => (j.simulated ? `${j.label.replace(/ \(simulated\)$/, '')} [SIMULATED]` : j.label);

/** The judges' table: their calls and cost apart from the models' (what is not counted, said). */
function renderJudges(judges: readonly JudgeForecast[]): string {
  const rows = [['judge', 'for scorers', 'calls', 'input tokens (est.)', 'output tokens (max)', 'cost (low – high)']];
  for (const j of judges) {
    rows.push([`${judgeName(j)}${j.escalation ? ' (escalations)' : ''}`, j.scorers.join(', '), j.escalation ? `0 – ${int(j.calls)}` : int(j.calls), `${int(j.inputTokens[0])} – ${int(j.inputTokens[1])}`, int(j.maxOutputTokens),
      costRange(j.costUsd, j.simulated)]);
  }
  return `Judges of model-graded scorers (apart from the models above):\n${table(rows).trimEnd()}\n` +
    'Judge input: low counts no output under evaluation, high every output at the model\'s max_tokens; high cost adds every verdict at the judge\'s max_tokens. A cascade\'s larger judge (escalations) is asked only when the cheap judge is unsure: from none to every item. Judge calls are never batched: list price, also under --batch. Not counted: re-asks of malformed verdicts (at most 2 a call) and cached answers.\n';
}

export function renderForecast(f: Forecast): string {
  const rows = [['model', 'calls', 'input tokens (est.)', 'output tokens (max)', 'cost (input only – all max_tokens)', 'time at concurrency']];
  for (const m of f.models) {
    const rounds = Math.ceil(m.calls / m.concurrency);
    const time = m.calls === 0 ? 'no calls' : m.latencyMs === null
      ? `${int(rounds)} rounds of ${m.concurrency} × the model's latency`
      : m.latencyMs === 0 ? 'instant (simulated, latency not waited)' : `≈ ${duration(rounds * m.latencyMs)} (${m.latencyMs} ms/call, simulated)`;
    rows.push([
      nameOf(m),
      int(m.calls),
      int(m.inputTokens),
      int(m.maxOutputTokens),
      costRange(m.costUsd, m.simulated),
      time,
    ]);
  }
  const total = f.samples * f.models.length * f.epochs;
  const judges = f.judges.length === 0 ? '' : renderJudges(f.judges);
  const replays = f.models.filter((m) => m.model.startsWith('replay:')).length;
  const left = f.items === total ? '' : ` (${int(f.items)} left to run)`;
  const times = f.models.map((m) => `  ${nameOf(m)}: ${renderTime(m.time)}\n`).join('');
  return `${f.evalId} (dry run, nothing called): ${f.samples} samples × ${f.models.length} model(s) × ${f.epochs} epoch(s) = ${int(total)} ${replays > 0 ? 'items' : 'calls'}${left}${replays > 0 ? ` (${replays} replay: model(s) call nothing)` : ''}\n${table(rows).trimEnd()}\n${judges}` +
    'Input tokens are estimated at ~4 characters a token; the real count depends on the model\'s tokenizer.\n' +
    (f.batch
      ? '--batch: costs at the Message Batches price (50% of list); most batches end within an hour, every batch within 24 hours, whatever the limits.\n'
      : `Estimated time at the current limits (the spec's rate_limit; retries not counted):\n${times}`);
}
