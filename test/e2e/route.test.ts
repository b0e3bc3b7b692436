import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parse } from 'yaml';
import { SIM_DIFFICULTY_CORRELATION } from '../../src/providers/sim.js';
import type { PolicyFile, RouteReport } from '../../src/route/index.js';
import { normalCdf, normalQuantile } from '../../src/stats/distributions.js';
import { hashUniform } from '../../src/util/random.js';
import { readJsonl, ROOT, runCli, tempDir } from '../support/cli.js';

// `haikubench route` on the bundled offline demonstration (evals/routing-demo.yaml): two simulated
// models whose accuracy per topic is planted in the YAML, equal on some topics (parity) and not on the
// others (gap). Route must find exactly that structure, and the held-out quality of the policy it
// recommends must lie within its own interval of the truth the simulation knows. Build first.

interface SimBlock { readonly accuracy: number; readonly segment: string; readonly accuracy_by: Readonly<Record<string, number>> }
interface DemoSpec { readonly models: readonly { readonly id: string; readonly sim: SimBlock }[] }
interface Ticket { readonly request_id: string; readonly topic: string }

const spec = parse(readFileSync(join(ROOT, 'evals/routing-demo.yaml'), 'utf8')) as DemoSpec;
const [haiku, sonnet] = spec.models as [DemoSpec['models'][number], DemoSpec['models'][number]];
const accuracy = (m: SimBlock, topic: string): number => m.accuracy_by[topic] ?? m.accuracy;
const topics = Object.keys(haiku.sim.accuracy_by);
const parity = topics.filter((t) => accuracy(haiku.sim, t) >= accuracy(sonnet.sim, t)).sort();
const gap = topics.filter((t) => accuracy(haiku.sim, t) < accuracy(sonnet.sim, t)).sort();
const tickets = readJsonl<Ticket>(join(ROOT, 'datasets/routing-demo.jsonl'));

/** The sim's per-sample difficulty (src/providers/sim.ts): a keyed standard normal shared by both models. */
const difficulty = (id: string): number =>
  Math.sqrt(-2 * Math.log(1 - hashUniform('difficulty', id, 'n1'))) * Math.cos(2 * Math.PI * hashUniform('difficulty', id, 'n2'));

/** P(correct | this sample's difficulty) under the sim's Gaussian copula with marginal accuracy p. */
const conditional = (p: number, id: string): number => {
  const rho = SIM_DIFFICULTY_CORRELATION;
  return normalCdf((normalQuantile(p) - Math.sqrt(rho) * difficulty(id)) / Math.sqrt(1 - rho));
};

let runDir = '';
let outDir = '';
let text = '';

beforeAll(async () => {
  const dir = tempDir('haikubench-route-');
  runDir = join(dir, 'run');
  outDir = join(dir, 'route');
  const run = await runCli(['run', 'evals/routing-demo.yaml', '--out', runDir, '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  // A wide $COLUMNS keeps each sentence on one line (the layout at terminal widths: terminal.test.ts).
  const route = await runCli(['route', runDir, '--tolerance', '0.05', '--check', 'scorer:bare_label', '--out', outDir, '--markdown', join(dir, 'route.md')], { env: { COLUMNS: '1000' } });
  expect(route.code, route.stderr).toBe(0);
  text = route.stdout;
}, 60_000);

const report = (): RouteReport => JSON.parse(readFileSync(join(outDir, 'route.json'), 'utf8')) as RouteReport;
const policy = (): PolicyFile => JSON.parse(readFileSync(join(outDir, 'policy.json'), 'utf8')) as PolicyFile;

describe('route on the offline demonstration', () => {
  it('plants parity and a gap in the YAML (the premise of the test)', () => {
    expect([parity.length, gap.length]).toEqual([3, 3]);
  });

  it('recommends the small model for exactly the parity topics and escalates the gap topics', () => {
    const p = policy();
    expect([p.rule, p.segments?.field, p.small, p.large]).toEqual(['segments', 'topic', haiku.id, sonnet.id]);
    expect([...(p.segments?.toSmall ?? [])].sort()).toEqual(parity);
    expect([...(p.segments?.toLarge ?? [])].sort()).toEqual(gap);
    const verdicts = report().analysis.segments.find((s) => s.field === 'topic')?.verdicts ?? [];
    expect(Object.fromEntries(verdicts.map((v) => [v.value, v.verdict]))).toEqual(Object.fromEntries([...parity.map((t) => [t, 'holds']), ...gap.map((t) => [t, 'escalate'])]));
    expect([p.validated.heldOut, p.validated.folds, p.simulated]).toEqual([true, 5, true]);
  });

  it('reports a held-out quality whose interval holds the truth the simulation knows', () => {
    const r = report();
    const seg = r.segmentRoute;
    const row = r.recommendation.row;
    expect(seg).not.toBeNull();
    const ci = row.qualityCi as readonly [number, number];
    // Each held-out fold was routed by the rule learned without it: per fold, topic counts × the accuracy
    // of the model its rule picks (the YAML's settings), over the whole demo's mix.
    let truth = 0;
    for (const f of seg?.folds ?? []) {
      for (const [topic, n] of Object.entries(f.counts)) truth += n * accuracy((f.rule.toSmall.includes(topic) ? haiku : sonnet).sim, topic);
    }
    truth /= r.samples.paired;
    expect(r.samples.paired).toBe(tickets.length);
    expect(row.point.quality).toBe(seg?.heldOut.quality);
    expect(ci[0]).toBeLessThanOrEqual(truth);
    expect(ci[1]).toBeGreaterThanOrEqual(truth);
    // The same truth given these 600 samples' drawn difficulty (the sim's copula), item by item.
    const rule = new Map((seg?.folds ?? []).flatMap((f) => Object.keys(f.counts).map((t) => [t, f.rule.toSmall.includes(t)] as const)));
    const given = tickets.reduce((s, t) => s + conditional(accuracy((rule.get(t.topic) === true ? haiku : sonnet).sim, t.topic), t.request_id), 0) / tickets.length;
    expect(seg?.stableFolds).toBe(5); // every fold learned the same rule, so `rule` is each fold's
    expect([ci[0] <= given, ci[1] >= given]).toEqual([true, true]);
  });

  it('prints the recommendation first, the tables, the metrics and the validation note, labelled [SIMULATED]', () => {
    const first = text.trim().split('\n')[0] ?? '';
    expect(first).toMatch(/^Route by topic: 3 of 6 values \(.+\) to claude-haiku-5-5 \[SIMULATED\], the rest to claude-sonnet-5-5 \[SIMULATED\]; saves \d+\.\d% \(95% CI [\d.]+–[\d.]+%\) at quality within 5 pts of always-claude-sonnet-5-5 \(held-out [\d.]+% vs [\d.]+%\), validated on 5 held-out folds\.$/);
    for (const part of ['Where S holds up, by topic', 'escalate → L', 'holds → S', 'oracle (knows both answers)', 'random mix', '► route by topic', 'gate cascade: escalate when scorer:bare_label fails',
      'APGR', 'CPT(50%)', 'AIQ on one fixed cost range', 'Zero router', 'Deferral decisions', 'Honest validation', 'in-sample (optimistic', 'mean over its epochs']) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/\[SIMULATED\] claude-haiku-5-5 and claude-sonnet-5-5: records of the built-in simulator/);
  });

  it('writes route.json, policy.json, a well-formed front.svg and the Markdown report', async () => {
    expect(report().policy).toEqual(policy());
    const svg = readFileSync(join(outDir, 'front.svg'), 'utf8');
    const xml = await validateXML({ xml: { fileName: 'front.svg', contents: svg }, normalization: 'format' });
    expect(xml.errors).toEqual([]);
    expect(svg).toContain('[SIMULATED]');
    const md = readFileSync(join(outDir, '..', 'route.md'), 'utf8');
    expect(md).toMatch(/^## Tiering: haikubench route\n\n\*\*Route by topic/);
  });

  it('gives the same policy from one run per model, and --json prints route.json', async () => {
    const split = tempDir('haikubench-route-split-');
    const records = readFileSync(join(runDir, 'records.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const dirs = [haiku.id, sonnet.id].map((model, i) => {
      const d = join(split, `run${i}`);
      mkdirSync(d);
      cpSync(join(runDir, 'summary.json'), join(d, 'summary.json'));
      writeFileSync(join(d, 'records.jsonl'), `${records.filter((l) => (JSON.parse(l) as { model: string }).model === model).join('\n')}\n`);
      return d;
    });
    const res = await runCli(['route', ...dirs, '--tolerance', '0.05', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout) as RouteReport;
    expect(r.policy.segments).toEqual(policy().segments);
    expect(r.runs).toHaveLength(2);
    expect(existsSync(join(dirs[0] as string, 'route', 'policy.json'))).toBe(true);
  });
});

describe('route --cluster', () => {
  it('keeps a cluster in one fold, resamples clusters, leaves the field out of the segments and says so', async () => {
    const res = await runCli(['route', runDir, '--tolerance', '0.05', '--cluster', 'language', '--out', join(tempDir('haikubench-route-cl-'), 'route')], { env: { COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('a language never split across folds; intervals resample the 5 language clusters');
    expect(res.stdout).not.toContain('Where S holds up, by language');
    const json = await runCli(['route', runDir, '--tolerance', '0.05', '--cluster', 'language', '--json', '--out', join(tempDir('haikubench-route-cl-'), 'route')]);
    const r = JSON.parse(json.stdout) as RouteReport;
    expect([r.options.cluster, r.analysis.clusters]).toEqual(['language', 5]);
    expect(r.options.segmentFields).not.toContain('language');
  });

  it('without it, says the samples were treated as independent', () => {
    expect(text).toContain('samples treated as independent: pass --cluster <field> when they are not');
  });
});

describe('route: bad input exits 2 before any analysis', () => {
  const unfinished = (): string => {
    const d = join(tempDir('haikubench-route-bad-'), 'run');
    cpSync(runDir, d, { recursive: true });
    const summary = JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(d, 'summary.json'), JSON.stringify({ ...summary, status: 'aborted', stoppedBy: 'interrupt' }));
    return d;
  };
  const disjoint = (): string => {
    const d = join(tempDir('haikubench-route-bad-'), 'run');
    cpSync(runDir, d, { recursive: true });
    const lines = readFileSync(join(runDir, 'records.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const moved = lines.map((l) => {
      const r = JSON.parse(l) as { model: string; sampleId: string };
      return JSON.stringify(r.model === haiku.id ? { ...r, sampleId: `other-${r.sampleId}` } : r);
    });
    writeFileSync(join(d, 'records.jsonl'), `${moved.join('\n')}\n`);
    return d;
  };

  it.each([
    ['an unknown model', () => [runDir, '--small', 'sim:nope'], '--small sim:nope: no such model in the runs'],
    ['a missing run directory', () => [join(runDir, 'nope')], 'no such run directory'],
    ['a run that did not finish', () => [unfinished()], 'the run did not finish (stopped by interrupt)'],
    ['no paired samples', () => [disjoint()], 'no sample has records of both'],
    ['an unknown scorer in --signal', () => [runDir, '--signal', 'scorer:confidence'], '--signal scorer:confidence: no scorer "confidence"'],
    ['a signal that is not a scorer', () => [runDir, '--signal', 'confidence'], 'write scorer:<name>'],
    ['a signal regex that does not compile', () => [runDir, '--signal', 'output:confidence: ([0-9'], '--signal output:confidence: ([0-9: not a valid regular expression'],
    ['a tolerance out of range', () => [runDir, '--tolerance', '2'], '--tolerance 2: a quality loss'],
    ['an unknown segment field', () => [runDir, '--segment', 'country'], '--segment country: no such metadata field'],
    ['an unknown cluster field', () => [runDir, '--cluster', 'thread'], '--cluster thread: no such metadata field'],
  ])('%s', async (_name, args, message) => {
    const out = join(tempDir('haikubench-route-out-'), 'route');
    const res = await runCli(['route', ...args(), '--out', out], { env: { COLUMNS: '1000' } });
    expect(res.stderr).toContain(message);
    expect(res.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
