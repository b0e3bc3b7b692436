import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyFile, RouteReport } from '../../src/route/index.js';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// Pre-generation routers through the built CLI: `route --router field:<name>` (a numeric metadata field
// of the samples) and `--router model:<id>` (the number another model answered), evaluated with the
// same metrics and cross-fitting as the cascades. Offline and deterministic: replay: models stand in
// for the small model (right exactly on the easy half), the large one (always right) and a classifier
// (which answers the difficulty as text).

const N = 120;

/**
 * Difficulty of sample i: 0.2 (easy) or 0.8 (hard), half each, by a fixed permutation so that ids and
 * difficulty are not in the same order. Two levels make the router's best threshold unambiguous.
 */
const difficulty = (i: number): number => (((i * 37) % N) / N < 0.5 ? 0.2 : 0.8);

function routerEval(): { dir: string; run: string; spec: string } {
  const dir = tempDir();
  const rows = Array.from({ length: N }, (_, i) => {
    const gold = i % 2 === 0 ? 'no' : 'yes';
    const d = difficulty(i);
    return { id: `s${i}`, q: `q${i}`, gold, small: d < 0.5 ? gold : 'maybe', large: gold, difficulty: d, clf: `The request looks like this. Difficulty: ${d.toFixed(1)}` };
  });
  writeFiles(dir, {
    'data.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
    'spec.yaml': [
      'name: router-e2e',
      'dataset: { path: data.jsonl, fields: { target: gold, metadata: [difficulty] } }',
      'prompt: { user: "{{q}}" }',
      'models:',
      '  - { id: replay:small, price: { per_call: 0.0001 } }',
      '  - { id: replay:large, price: { per_call: 0.001 } }',
      '  - { id: replay:clf, price: { per_call: 0.00002 } }',
      'scorers: [{ type: equals }]',
    ].join('\n'),
  });
  return { dir, run: join(dir, 'run'), spec: join(dir, 'spec.yaml') };
}

const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('route --router: a threshold router on a pre-generation signal', () => {
  it.each([
    ['a dataset field', 'field:difficulty', false],
    ['another model\'s answer', 'model:replay:clf', true],
  ])('from %s: cross-fitted, recommended, and written to policy.json', async (_name, router, fromModel) => {
    const { dir, run, spec } = routerEval();
    expect((await runCli(['run', spec, '--out', run, '--quiet'])).code).toBe(0);
    const out = join(dir, 'route');
    const res = await runCli(['route', run, '--small', 'replay:small', '--large', 'replay:large', '--router', router, '--router-high', 'large', '--tolerance', '0.05', '--out', out], { env: { COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^Router: before any call, send a request to large when ${router} ≥ 0\\.8, else to small \\(50\\.0% to large\\); saves 45\\.0% `, 'm'));
    const report = read<RouteReport>(join(out, 'route.json'));
    const analysed = report.analysis.policies.find((p) => p.kind === 'router');
    expect(analysed?.crossFit?.k).toBe(5);
    // The signal separates S's failures perfectly: AUROC 1.
    expect(analysed?.auroc).toMatchObject({ auroc: 1 });
    const row = report.policies.find((p) => p.key === 'router');
    expect(row).toMatchObject({ validation: 'held-out', meetsTarget: true });
    expect(row?.point.quality).toBe(1);
    expect(report.recommendation.rule).toBe('router');
    expect(report.options.router).toEqual({ signal: router, high: 'large' });
    expect(report.curves.map((c) => c.label)).toContain('router');
    // policy.json: the rule in the signal's own scale; applied to the data it sends exactly the hard half to large.
    const policy = read<PolicyFile>(join(out, 'policy.json'));
    expect(policy.rule).toBe('router');
    expect(policy.router?.signal).toBe(router);
    expect(policy.router?.largeWhen).toBe('signal >= threshold');
    const t = policy.router?.threshold as number;
    const toLarge = Array.from({ length: N }, (_, i) => difficulty(i)).filter((d) => d >= t).length;
    expect(toLarge).toBe(N / 2);
    expect(policy.validated).toMatchObject({ heldOut: true, folds: 5, shareToLarge: 0.5 });
    // A classifier model's own calls are named, with their cost, and left out of the router's figures.
    if (fromModel) expect(res.stdout).toContain('The router\'s own model (model:replay:clf) is called on every request before routing: $0.0200 per 1k requests, not included in the router\'s cost and savings figures.');
    else expect(res.stdout).not.toContain('router\'s own model');
  });

  it('high values favouring the small model (the default) reverse the rule', async () => {
    const { dir, run, spec } = routerEval();
    expect((await runCli(['run', spec, '--out', run, '--quiet'])).code).toBe(0);
    const res = await runCli(['route', run, '--small', 'replay:small', '--large', 'replay:large', '--router', 'field:difficulty', '--out', join(dir, 'route')]);
    expect(res.code, res.stderr).toBe(0);
    // Low difficulty now counts as "send to large": the router cannot keep quality and is not recommended.
    const report = read<RouteReport>(join(dir, 'route', 'route.json'));
    expect(report.recommendation.rule).not.toBe('router');
    expect(report.analysis.policies.find((p) => p.kind === 'router')?.auroc).toMatchObject({ auroc: 0 });
  });

  it.each([
    ['a field no record has', ['--router', 'field:dificulty'], '--router field:dificulty: no such metadata field in the runs (fields: difficulty); list the dataset column under dataset.fields.metadata so that records carry it'],
    ['the small model as its own router', ['--router', 'model:replay:small'], '--router model:replay:small: that is the small model; the router\'s signal must come from a third model (a classifier run on the same samples), or from a field'],
    ['a model not in the runs', ['--router', 'model:openai:router'], '--router model:openai:router: no such model in the runs (models: replay:small, replay:large, replay:clf)'],
    ['the large model as its own router', ['--router', 'model:replay:large'], '--router model:replay:large: that is the large model'],
    ['an unknown form', ['--router', 'difficulty'], '--router difficulty: write field:<name> (a numeric metadata field of the samples, e.g. field:difficulty) or model:<id>'],
  ])('%s is an input error (exit 2)', async (_name, flags, message) => {
    const { run, spec } = routerEval();
    expect((await runCli(['run', spec, '--out', run, '--quiet'])).code).toBe(0);
    const res = await runCli(['route', run, '--small', 'replay:small', '--large', 'replay:large', ...flags]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
  });
});
