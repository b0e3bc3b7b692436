import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// --shard i/n splits a plan over machines; `merge` joins the slices into the run an unsharded run
// would have been: the same records and the same summary (identity fields aside).

interface Rec { sampleId: string; model: string; epoch: number; pass?: boolean; score?: number; latencyMs: number | null }
interface Summary {
  status: string; verdict: string; items: { planned: number; finished: number; errors: number };
  shard: { index: number; count: number } | null; mergedFrom: string[] | null;
  models: unknown[]; gates: unknown[]; options: unknown; dataset: unknown;
}

const N = 31; // not a multiple of 3: slices of 11, 10 and 10 samples

function setup() {
  const dir = tempDir();
  const labels = ['billing', 'bug', 'account', 'other'];
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `t${i}`, text: `ticket ${i}`, label: labels[i % 4] })).join('\n'),
    'spec.yaml': [
      'name: sharded',
      'dataset: { path: data.jsonl, fields: { target: label } }',
      'prompt: { user: "Route: {{text}}" }',
      'models: [sim:claude-haiku-5-5, sim:claude-sonnet-5-5]',
      'scorers: [{ type: label, allowed: [billing, bug, account, other] }]',
      'gates: [{ model: sim:claude-haiku-5-5, min_pass_rate: 0.5 }]',
      'run: { epochs: 2 }',
    ].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml') };
}

const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
const key = (r: Rec) => `${r.sampleId}|${r.model}|${r.epoch}`;

describe('--shard and merge', () => {
  it('shards 1/3, 2/3, 3/3 then merge give the summary and records of the unsharded run', async () => {
    const { dir, spec } = setup();
    const whole = await runCli(['run', spec, '--out', join(dir, 'whole'), '--quiet']);
    expect(whole.code, whole.stderr).toBe(0);
    const sizes: number[] = [];
    for (const i of [1, 2, 3]) {
      const res = await runCli(['run', spec, '--shard', `${i}/3`, '--out', join(dir, `s${i}`)]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain(`shard ${i}/3`);
      const s = summaryOf(join(dir, `s${i}`));
      expect(s.shard).toEqual({ index: i, count: 3 });
      sizes.push(s.items.planned);
    }
    expect(sizes).toEqual([11 * 4, 10 * 4, 10 * 4]); // samples × 2 models × 2 epochs
    const shardKeys = [1, 2, 3].map((i) => readJsonl<Rec>(join(dir, `s${i}`, 'records.jsonl')).map(key));
    expect(new Set(shardKeys.flat()).size).toBe(N * 4); // disjoint, and together the whole plan

    const merged = await runCli(['merge', join(dir, 's3'), join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'merged')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('merged from 3 shards');
    const a = summaryOf(join(dir, 'whole'));
    const m = summaryOf(join(dir, 'merged'));
    expect(m.models).toEqual(a.models);
    expect(m.gates).toEqual(a.gates);
    expect(m.items).toEqual(a.items);
    expect(m.options).toEqual(a.options);
    expect(m.dataset).toEqual(a.dataset);
    expect([m.status, m.verdict, m.shard]).toEqual([a.status, a.verdict, null]);
    expect(m.mergedFrom).toHaveLength(3);
    const verdicts = (d: string) => new Map(readJsonl<Rec>(join(d, 'records.jsonl')).map((r) => [key(r), [r.pass, r.score, r.latencyMs]]));
    expect(verdicts(join(dir, 'merged'))).toEqual(verdicts(join(dir, 'whole')));
  });

  it('refuses what cannot be merged: a missing or repeated slice, an unsharded run, other flags; a bad --shard', async () => {
    const { dir, spec } = setup();
    for (const i of [1, 2]) expect((await runCli(['run', spec, '--shard', `${i}/3`, '--out', join(dir, `s${i}`), '--quiet'])).code).toBe(0);
    expect((await runCli(['run', spec, '--shard', '3/3', '--limit', '20', '--out', join(dir, 'other'), '--quiet'])).code).toBe(0);
    expect((await runCli(['run', spec, '--out', join(dir, 'whole'), '--quiet'])).code).toBe(0);
    const cases: readonly [string[], string][] = [
      [['s1', 's2'], 'shard 3/3 is missing'],
      [['s1', 's2', 's2'], 'shard 2/3 is named 2 times'],
      [['s1', 's2', 'whole'], 'not a shard (it was run without --shard)'],
      [['s1', 's2', 'other'], 'other flags'],
    ];
    for (const [dirs, message] of cases) {
      const res = await runCli(['merge', ...dirs.map((d) => join(dir, d)), '--out', join(dir, 'm')]);
      expect(res.code, dirs.join(' ')).toBe(2);
      expect(res.stderr).toContain(message);
    }
    for (const bad of ['4/3', '0/3', '1/0', 'two/3', '1.5/3']) {
      const res = await runCli(['run', spec, '--shard', bad, '--out', join(dir, 'x')]);
      expect(res.code, bad).toBe(2);
      expect(res.stderr).toContain(`--shard ${bad}: must be i/n`);
    }
  });

  it("refuses shards run with different prompt variant files, and a variant file changed since the shards ran", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'prompts'));
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `t${i}`, text: `ticket ${i}`, label: i % 2 === 0 ? 'billing' : 'bug' })).join('\n'),
      'prompts/v2.yaml': 'user: "Which queue? {{text}}"\n',
      'spec.yaml': [
        'name: sharded-variants',
        'dataset: { path: data.jsonl, fields: { target: label } }',
        'prompt: { user: "Route: {{text}}" }',
        'prompts: [{ id: v1 }, { id: v2, file: prompts/v2.yaml }]',
        'models: [sim:claude-haiku-5-5]',
        'scorers: [{ type: label, allowed: [billing, bug] }]',
      ].join('\n'),
    });
    const spec = join(dir, 'spec.yaml');
    const shard = async (i: number, out: string) => expect((await runCli(['run', spec, '--shard', `${i}/2`, '--out', join(dir, out), '--quiet'])).code).toBe(0);
    await shard(1, 's1');
    await shard(2, 's2');
    writeFiles(dir, { 'prompts/v2.yaml': 'user: "Pick a queue for: {{text}}"\n' });
    await shard(2, 's2-new');
    const mixed = await runCli(['merge', join(dir, 's1'), join(dir, 's2-new'), '--out', join(dir, 'm1')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("other versions of the prompt variants' files");
    const stale = await runCli(['merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'm2')]);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain("a prompt variant's file changed since the shards ran");
    writeFiles(dir, { 'prompts/v2.yaml': 'user: "Which queue? {{text}}"\n' });
    expect((await runCli(['merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'm3')])).code).toBe(0);
  });
});
