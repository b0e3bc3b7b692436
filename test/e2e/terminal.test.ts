import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';
import { hasTmux, inTerminal } from '../support/tmux.js';
import { displayWidth } from '../../src/report/render/width.js';

// The terminal report in a real pseudo-terminal (tmux) at 60 and 120 columns: no line wider than the
// terminal, a progress display that leaves one line per eval behind (no debris from its redraws), the
// failing samples listed; colour as NO_COLOR / FORCE_COLOR / --no-color say; plain progress lines in CI.

/** Sixty tickets, two simulated models that really wait their latency (so the progress is redrawn). */
function ticketsEval(realtime: boolean): { dir: string; spec: string } {
  const dir = tempDir();
  const labels = ['billing', 'bug', 'account', 'other'];
  const rows = Array.from({ length: 60 }, (_, i) => JSON.stringify({
    id: `t${String(i).padStart(3, '0')}`, text: `ticket number ${i}, about something long enough to make the outputs wide`, label: labels[i % 4], kind: i % 3 === 0 ? 'hard' : 'simple',
  }));
  const sim = (accuracy: number) => `{ accuracy: ${accuracy}, latency_ms: 40, realtime: ${realtime} }`;
  writeFiles(dir, {
    'data.jsonl': `${rows.join('\n')}\n`,
    'spec.yaml': [
      'name: tickets-terminal',
      'dataset: { path: data.jsonl, fields: { target: label, metadata: [kind] } }',
      'prompt: { user: "Route this ticket: {{text}}. Labels: billing, bug, account, other." }',
      'models:',
      `  - { id: sim:claude-haiku-5-5, sim: ${sim(0.8)} }`,
      `  - { id: sim:claude-sonnet-5-5, sim: ${sim(0.9)} }`,
      'scorers: [{ type: label, expected: "{{label}}", allowed: [billing, bug, account, other] }]',
      'run: { concurrency: 3 }',
      'gates: [{ model: sim:claude-haiku-5-5, min_pass_rate: 0.5 }]',
    ].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml') };
}

const PROGRESS = /^tickets-terminal: \d+\/\d+ \(\d+%\)/;
const ESC = /\x1b\[/;
const baseEnv = () => ({ PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', HAIKUBENCH_CACHE_DIR: join(tempDir(), 'cache') });

describe.runIf(await hasTmux())('in a terminal (tmux)', () => {
  it.each([60, 120])('at %i columns: every line fits, the progress leaves one line, failing samples are listed', async (width) => {
    const { dir, spec } = ticketsEval(true);
    const screen = await inTerminal([process.execPath, CLI, 'run', spec, '--out', join(dir, 'run'), '--route'], { width, env: baseEnv(), cwd: dir });
    expect(screen.code).toBe(0);
    const text = screen.lines.join('\n');
    for (const line of screen.lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    // The redrawn progress: exactly one line is left, the final count, right under the start line.
    const progress = screen.lines.filter((l) => PROGRESS.test(l));
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatch(/^tickets-terminal: 120\/120 \(100%\)/);
    const start = screen.lines.indexOf('tickets-terminal: running 120 item(s)');
    expect(screen.lines[start + 1]).toBe(progress[0]);
    // The failing samples: the first five, with output, expected value and reason.
    const records = readJsonl<{ sampleId: string; model: string; pass?: boolean; output: string }>(join(dir, 'run', 'records.jsonl'));
    const failing = records.filter((r) => r.pass === false);
    expect(failing.length).toBeGreaterThan(5);
    expect(text).toMatch(/^failing samples: /m);
    expect(screen.lines.filter((l) => l.startsWith('  ✗ '))).toHaveLength(5);
    for (const label of ['output', 'expected', 'reason']) expect(screen.lines.filter((l) => l.startsWith(`    ${label} `))).toHaveLength(5);
    const first = failing.map((r) => r.sampleId).sort()[0] ?? '';
    expect(text).toContain(`✗ ${first} · `);
    // The routing analysis, folded to its recommendation.
    expect(text).toMatch(/^routing: /m);
    expect(text).not.toContain('Policies (replayed');
    // Colour on a terminal by default; never inside the words the tests read above.
    expect(screen.raw).toMatch(ESC);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }, []],
    ['--no-color', {}, ['--no-color']],
  ])('%s: no colour and no redraws, on a terminal too', async (_name, env, flags) => {
    const { dir, spec } = ticketsEval(true);
    const screen = await inTerminal([process.execPath, CLI, 'run', spec, '--out', join(dir, 'run'), ...flags], { width: 80, env: { ...baseEnv(), ...env }, cwd: dir });
    expect(screen.code).toBe(0);
    expect(screen.raw).not.toMatch(ESC);
    expect(screen.lines.filter((l) => PROGRESS.test(l)).length).toBeGreaterThan(1); // a plain line per 10%
    rmSync(dir, { recursive: true, force: true });
  });

  it('CI set: plain progress lines (no redraws), each cut to the width', async () => {
    const { dir, spec } = ticketsEval(true);
    const screen = await inTerminal([process.execPath, CLI, 'run', spec, '--out', join(dir, 'run')], { width: 60, env: { ...baseEnv(), CI: '1' }, cwd: dir });
    expect(screen.code).toBe(0);
    const progress = screen.lines.filter((l) => PROGRESS.test(l));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatch(/^tickets-terminal: 120\/120 \(100%\)/);
    for (const line of screen.lines) expect(displayWidth(line), line).toBeLessThanOrEqual(60);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('in a pipe', () => {
  it('FORCE_COLOR colours, --no-color wins over it; colour changes no width or word', async () => {
    const { dir, spec } = ticketsEval(false);
    const forced = await runCli(['run', spec, '--out', join(dir, 'run-a')], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    const off = await runCli(['run', spec, '--out', join(dir, 'run-b'), '--no-color'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    const plain = await runCli(['run', spec, '--out', join(dir, 'run-c')]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(ESC);
    expect(off.stdout).not.toMatch(ESC);
    expect(plain.stdout).not.toMatch(ESC);
    const same = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').replace(/run-[abc]/g, 'run-x');
    expect(same(forced.stdout)).toBe(same(off.stdout));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a pipe is laid out for $COLUMNS, else 100 columns', async () => {
    const { dir, spec } = ticketsEval(false);
    for (const [env, width] of [[{}, 100], [{ COLUMNS: '72' }, 72]] as const) {
      const res = await runCli(['run', spec, '--out', join(dir, `run-${width}`)], { env });
      for (const line of res.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('--show-failures lists every failing sample; --details the whole routing analysis', async () => {
    const { dir, spec } = ticketsEval(false);
    const res = await runCli(['run', spec, '--out', join(dir, 'run'), '--route', '--show-failures', '--details']);
    const failing = readJsonl<{ pass?: boolean }>(join(dir, 'run', 'records.jsonl')).filter((r) => r.pass === false);
    expect(res.stdout.split('\n').filter((l) => l.startsWith('  ✗ '))).toHaveLength(failing.length);
    expect(res.stdout).not.toContain('--show-failures)');
    expect(res.stdout).toContain('Policies (replayed on the recorded answers');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the Markdown of every bundled eval with --route', () => {
  it("stays under GitHub's 65,536-character comment limit and lists the failing sample ids", async () => {
    const dir = tempDir();
    const file = join(dir, 'report.md');
    const res = await runCli(['run', 'evals/invoice-extraction.yaml', 'evals/math-word-problems.yaml', 'evals/multilingual-intents.yaml', 'evals/policy-qa.yaml', 'evals/routing-demo.yaml', 'evals/support-routing.yaml',
      '--simulate', 'auto', '--route', '--out', join(dir, 'runs'), '--markdown', file, '--markdown-link', 'https://ci.example/artifacts/report.html'], { cwd: ROOT, timeoutMs: 180_000 });
    expect(res.code).toBe(0);
    const md = readFileSync(file, 'utf8');
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('[Full report](https://ci.example/artifacts/report.html)');
    expect(md.match(/Failing samples/g)?.length).toBeGreaterThanOrEqual(6);
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('--markdown-link must be an http(s) URL (exit 2, nothing run)', async () => {
    const res = await runCli(['run', 'evals/math-word-problems.yaml', '--simulate', 'auto', '--markdown', '/tmp/x.md', '--markdown-link', 'javascript:alert(1)']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--markdown-link: give an http(s) URL');
  });
});
