import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CLI, cleanEnv, tempDir, writeFiles } from '../support/cli.js';

// A run's own report lists its failing samples from the records it saw finish; the same run resumed
// with nothing left to do reads them back from records.jsonl. Both are the same report, word for
// word: the samples shown (by sample id, numbers as numbers, dealt over the models), their outputs,
// expected values and reasons, and the counts.

const rows = Array.from({ length: 60 }, (_, j) => JSON.stringify({
  id: `q${(j * 37) % 60}`, question: `What is ${j} + 1?`, target: j + 1,
  a: j % 7 === 0 ? `It is ${j + 2}.` : `The answer is **${j + 1}**.`,
  b: j % 5 === 0 ? 'I am not sure.' : `${j + 1}`,
})).join('\n');
const SPEC = 'name: findings\ndataset: { path: data.jsonl, fields: { target: target } }\nprompt: { user: "{{question}}" }\nmodels: [ "replay:a", "replay:b" ]\nscorers: [{ type: numeric }]\n';

const cli = (dir: string, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...cleanEnv(), COLUMNS: '1000' }, encoding: 'utf8' });

describe('failing samples in the report', () => {
  it.each([[[] as string[]], [['--show-failures']]])('a fresh run and the same run resumed list the same ones (%j)', (flags) => {
    const dir = tempDir();
    writeFiles(dir, { 'spec.yaml': SPEC, 'data.jsonl': `${rows}\n` });
    const fresh = cli(dir, ['run', 'spec.yaml', '--out', 'run', ...flags]);
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/failing samples: replay:a 9, replay:b 12/);
    expect(fresh.stdout).toContain('expected  1');
    const resumed = cli(dir, ['run', '--resume', 'run', ...flags]);
    expect(resumed.stderr).toMatch(/running 0 item/);
    expect(resumed.stdout).toBe(fresh.stdout);
  });
});
