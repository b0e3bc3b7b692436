import { table } from 'table';
import type { Forecast } from '../../eval/forecast.js';
import { duration, int, usd } from './format.js';


export function renderForecast(f: Forecast): string {
  const rows = [['model', 'calls', 'input tokens (est.)', 'output tokens (max)', 'cost (input only – all max_tokens)', 'time at concurrency']];
  for (const m of f.models) {
    const rounds = Math.ceil(m.calls / m.concurrency);
    const time = m.latencyMs === null
      ? `${int(rounds)} rounds of ${m.concurrency} × the model's latency`
      : m.latencyMs === 0 ? 'instant (simulated, latency not waited)' : `≈ ${duration(rounds * m.latencyMs)} (${m.latencyMs} ms/call, simulated)`;
    rows.push([
      m.simulated ? `${m.label.replace(/ \(simulated\)$/, '')} [SIMULATED]` : m.label,
      int(m.calls),
      int(m.inputTokens),
      int(m.maxOutputTokens),
      m.costUsd === null ? 'unknown (no price)' : `${usd(m.costUsd[0])} – ${usd(m.costUsd[1])}`,
      time,
    ]);
  }
  const total = f.samples * f.models.length * f.epochs;
  const left = f.items === total ? '' : ` (${int(f.items)} left to run)`;
  return `${f.evalId} (dry run, nothing called): ${f.samples} samples × ${f.models.length} model(s) × ${f.epochs} epoch(s) = ${int(total)} calls${left}\n${table(rows).trimEnd()}\n` +
    'Input tokens are estimated at ~4 characters a token; the real count depends on the model\'s tokenizer.\n';
}
