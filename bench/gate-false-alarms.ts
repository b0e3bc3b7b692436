// Issue 4's acceptance, run with the real simulator: (1) two sim: models whose accuracies differ by 3
// points, on 2,000 samples, are reported significantly different with the right sign; (2) two runs of
// the same model with different seeds fail a 2-point gate at the 5% level in at most 5 of 100 seeded
// trials, for both ways of judging the gate. Runs in-process (no HTTP), ~1 minute.
//
//   npx tsx bench/gate-false-alarms.ts [trials=100] [samples=2000]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareEval, createProviders, providerKey } from '../src/eval/prepare.js';
import { runEval } from '../src/eval/run-eval.js';
import { realClock } from '../src/runner/clock.js';
import { readRun } from '../src/compare/read-run.js';
import { compareSides } from '../src/compare/compare.js';
import type { Provider } from '../src/types.js';

const TRIALS = Number(process.argv[2] ?? 100);
const N = Number(process.argv[3] ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'hb-gates-'));
const labels = ['billing', 'bug', 'account', 'other'];
writeFileSync(join(dir, 'd.jsonl'), Array.from({ length: N }, (_, i) => JSON.stringify({ id: `t${i}`, text: `ticket ${i}`, label: labels[i % 4] })).join('\n'));
const spec = (models: string) => `name: gates\ndataset: { path: d.jsonl, fields: { target: label } }\nprompt: { user: "Route: {{text}}" }\nmodels: ${models}\nscorers: [{ type: label, allowed: [billing, bug, account, other] }]\n`;

async function run(file: string, seed: number, out: string) {
  const p = await prepareEval(file, { cwd: dir, overrides: { seed } });
  const all = createProviders([p], {});
  const providers = new Map<string, Provider>(p.spec.models.map((m) => [m.id, all.get(providerKey(p.spec, m.id)) as Provider]));
  await runEval(p, { providers, clock: realClock, runId: out, runDir: join(dir, out), version: 'bench', stopSignal: new AbortController().signal, graceMs: 0, reporters: [] });
  return readRun(join(dir, out), out);
}

writeFileSync(join(dir, 'two.yaml'), spec('[ { id: sim:claude-haiku-5-5, sim: { accuracy: 0.87 } }, { id: sim:claude-haiku-4-5, sim: { accuracy: 0.84 } } ]'));
const two = await run(join(dir, 'two.yaml'), 1, 'two');
const d = compareSides({ run: two, model: 'sim:claude-haiku-5-5' }, { run: two, model: 'sim:claude-haiku-4-5' }, { judge: 'interval', level: 0.95, mustPass: [] });
console.log(`(1) 87% vs 84% on ${N} samples: change ${((d.passRate.diff ?? 0) * 100).toFixed(1)} pts, 95% CI [${d.passRate.ci?.map((x) => (x * 100).toFixed(1)).join(', ')}] pts, McNemar p = ${d.passRate.test.p?.toPrecision(2)} → ${(d.passRate.ci?.[1] ?? 0) < 0 ? 'significant, right sign' : 'NOT significant'}`);

writeFileSync(join(dir, 'one.yaml'), spec('[ sim:claude-haiku-5-5 ]'));
const alarms = { interval: 0, significance: 0 };
for (let t = 0; t < TRIALS; t++) {
  const a = await run(join(dir, 'one.yaml'), 1000 + t, `a${t}`);
  const b = await run(join(dir, 'one.yaml'), 5000 + t, `b${t}`);
  for (const judge of ['interval', 'significance'] as const) {
    const c = compareSides({ run: a, model: 'sim:claude-haiku-5-5' }, { run: b, model: 'sim:claude-haiku-5-5' }, { judge, level: 0.95, mustPass: [], maxDrop: 0.02 }, { resamples: 0 });
    if (c.gates[0]?.pass === false) alarms[judge] += 1;
  }
}
console.log(`(2) same model, two seeds, ${TRIALS} trials, gate "drop ≤ 2 pts" at the 5% level: false alarms interval ${alarms.interval}/${TRIALS}, significance ${alarms.significance}/${TRIALS} (target ≤ ${Math.floor(TRIALS * 0.05)})`);
