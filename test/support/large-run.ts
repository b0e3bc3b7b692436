import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanEnv, ROOT } from './cli.js';

// A large run for the HTML report's benchmark and browser test: the bundled support-routing eval over
// a dataset of `records / 2` tickets (the 80 bundled tickets, each repeated with a numbered variation),
// run by the built CLI with both models simulated: `records` records, real inputs.jsonl, summary.json.

export interface LargeRun {
  readonly dir: string;
  readonly records: number;
  readonly runMs: number;
}

function run(args: readonly string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    execFile(process.execPath, ['--heap-growing-percent=100', CLI, ...args], { cwd, env: cleanEnv(), maxBuffer: 64 << 20 }, (err, _out, stderr) => {
      // exit 1 (a gate failed) is a finished run too
      if (err !== null && err.code !== 1) fail(new Error(`haikubench ${args.join(' ')}: ${err.message}\n${stderr}`));
      else done();
    });
  });
}

/** Write the dataset and spec into `work` and run them into `<work>/run`. */
export async function makeLargeRun(work: string, records: number): Promise<LargeRun> {
  const tickets = readFileSync(join(ROOT, 'datasets/support-tickets.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, string>);
  const n = Math.ceil(records / 2);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = tickets[i % tickets.length]!;
    lines.push(JSON.stringify({ ...t, ticket_id: `L-${String(i).padStart(6, '0')}`, ticket: `${t['ticket']} (ref ${i})` }));
  }
  writeFileSync(join(work, 'tickets.jsonl'), `${lines.join('\n')}\n`);
  const spec = readFileSync(join(ROOT, 'evals/support-routing.yaml'), 'utf8').replace('../datasets/support-tickets.jsonl', 'tickets.jsonl').replace('name: support-routing', 'name: support-routing-large');
  writeFileSync(join(work, 'spec.yaml'), spec);
  const started = Date.now();
  await run(['run', 'spec.yaml', '--simulate', 'auto', '--concurrency', '256', '--out', 'run', '--quiet'], work);
  return { dir: join(work, 'run'), records: n * 2, runMs: Date.now() - started };
}
