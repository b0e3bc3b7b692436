import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Model-graded scorers offline: every bad judge option is a spec error (exit 2, file#/pointer)
// before any call, and the simulator as a judge agrees with the truth at its configured rate.

const DATA = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `t${i}`, text: `ticket ${i}`, label: ['billing', 'bug', 'account', 'other'][i % 4] })).join('\n');

function specWith(scorers: string, top = '') {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': DATA,
    'spec.yaml': `name: judged\ndataset: { path: data.jsonl, fields: { target: label } }\nprompt: { user: "Route: {{text}}" }\nmodels: [sim:claude-haiku-5-5]\n${top}scorers:\n${scorers}`,
  });
  return { dir, spec: join(dir, 'spec.yaml') };
}

const RUBRIC = (extra: string) => `  - type: rubric\n    rubric: "Is {{output}} the right queue for {{text}}?"\n${extra}`;

describe('judge options are checked at spec load (exit 2, file#/pointer)', () => {
  const cases: readonly { what: string; scorers: string; top?: string; expect: RegExp }[] = [
    { what: 'no judge model anywhere', scorers: RUBRIC('    scale: { min: 1, max: 5 }\n    pass_at: 4\n'), expect: /spec\.yaml#\/scorers\/0: rubric needs a judge model; name one with "judge: \{model: /s },
    { what: 'a judge model id without a provider', scorers: RUBRIC('    scale: { min: 1, max: 5 }\n    pass_at: 4\n    judge: { model: claude-sonnet-5-5 }\n'), expect: /spec\.yaml#\/scorers\/0\/judge\/model.*must match pattern/ },
    { what: 'an unknown sim judge profile', scorers: RUBRIC('    scale: { min: 1, max: 5 }\n    pass_at: 4\n'), top: 'judge: { model: sim:nonsense }\n', expect: /spec\.yaml#\/judge\/model: unknown simulator profile "nonsense"/ },
    { what: 'scale min >= max', scorers: RUBRIC('    scale: { min: 5, max: 5 }\n    pass_at: 4\n    judge: { model: sim:judge }\n'), expect: /spec\.yaml#\/scorers\/0\/scale: min \(5\) must be below max \(5\)/ },
    { what: 'pass_at outside the scale', scorers: RUBRIC('    scale: { min: 1, max: 5 }\n    pass_at: 7\n    judge: { model: sim:judge }\n'), expect: /spec\.yaml#\/scorers\/0\/pass_at: 7 is outside the scale 1\.\.5/ },
    { what: 'a non-integer scale', scorers: RUBRIC('    scale: { min: 1, max: 5.5 }\n    pass_at: 4\n    judge: { model: sim:judge }\n'), expect: /spec\.yaml#\/scorers\/0\/scale\/max: must be integer/ },
    { what: 'a rubric placeholder no sample fills', scorers: '  - type: rubric\n    rubric: "Grade {{output}} against {{policy}}"\n    scale: { min: 1, max: 5 }\n    pass_at: 4\n    judge: { model: sim:judge }\n', expect: /spec\.yaml#\/scorers\/0\/rubric: \{\{policy\}\} cannot be filled: no sample has it/ },
    { what: 'an unknown reducer', scorers: RUBRIC('    scale: { min: 1, max: 5 }\n    pass_at: 4\n    judge: { model: sim:judge, reducer: mode }\n'), expect: /spec\.yaml#\/scorers\/0\/judge\/reducer: must be one of "mean", "median", "majority"/ },
    { what: 'zero judge samples', scorers: RUBRIC('    scale: { min: 1, max: 5 }\n    pass_at: 4\n    judge: { model: sim:judge, samples: 0 }\n'), expect: /spec\.yaml#\/scorers\/0\/judge\/samples: must be >= 1/ },
    { what: 'reference pass_at between 0 and 1 without partial credit', scorers: '  - type: reference\n    pass_at: 0.5\n    judge: { model: sim:judge }\n', expect: /spec\.yaml#\/scorers\/0\/pass_at: 0\.5 is neither 0 nor 1/ },
    { what: 'criteria with a duplicate name', scorers: '  - type: criteria\n    judge: { model: sim:judge }\n    criteria:\n      - { name: tone, description: polite, scale: { min: 1, max: 3 }, pass_at: 2 }\n      - { name: tone, description: kind, scale: { min: 1, max: 3 }, pass_at: 2 }\n', expect: /spec\.yaml#\/scorers\/0\/criteria\/1\/name: "tone" is used twice/ },
    { what: 'a criterion pass_at off its scale', scorers: '  - type: criteria\n    judge: { model: sim:judge }\n    criteria:\n      - { name: tone, description: polite, scale: { min: 1, max: 3 }, pass_at: 0 }\n', expect: /spec\.yaml#\/scorers\/0\/criteria\/0\/pass_at: 0 is outside the scale 1\.\.3/ },
    { what: 'escalating on disagreement with one cheap sample', scorers: RUBRIC('    scale: { min: 1, max: 5 }\n    pass_at: 4\n'), top: 'judge: { model: sim:judge, escalate: { model: sim:claude-sonnet-5-5, when: { disagree: true } } }\n', expect: /spec\.yaml#\/judge\/escalate\/when\/disagree: the cheap judge \(sim:judge\) asks 1 sample per item, so its samples can never disagree/ },
    { what: 'near on a pairwise scorer\'s escalate', scorers: '  - type: pairwise\n    against: base\n    judge: { model: sim:judge, samples: 2, escalate: { model: sim:claude-sonnet-5-5, when: { near: 1 } } }\n', expect: /spec\.yaml#\/scorers\/0\/judge\/escalate\/when\/near: scorer 0 is pairwise, whose verdict has no pass threshold to be near; use flip: true/ },
  ];
  it.each(cases)('$what', async (c) => {
    const { dir, spec } = specWith(c.scorers, c.top ?? '');
    const res = await runCli(['run', spec, '--out', join(dir, 'out')]);
    expect(res.code, res.stdout + res.stderr).toBe(2);
    // Pointers carry the line they point at: "spec.yaml#/scorers/0/pass_at (line 9): ...".
    expect(res.stderr.replace(/ \(line \d+\)/g, '')).toMatch(c.expect);
  });
});

interface Rec { status: string; scores: { name: string; pass: boolean; judge?: { model: string } }[] }

describe('the simulator as a judge', () => {
  it.each([0.9, 0.6])('sim:judge with agreement %s agrees with the truth (the label scorer) at about that rate, the same on a rerun', async (p) => {
    const { dir, spec } = specWith(
      '  - { type: label, weight: 0 }\n  - type: rubric\n    rubric: "Is {{output}} the right queue for {{text}}?"\n    scale: { min: 1, max: 5 }\n    pass_at: 4\n',
      `judge: { model: sim:judge, agreement: ${p} }\n`,
    );
    const run = async (out: string) => {
      const res = await runCli(['run', spec, '--out', join(dir, out), '--quiet']);
      expect(res.code, res.stderr).not.toBe(2);
      return readJsonl<Rec>(join(dir, out, 'records.jsonl'));
    };
    const recs = await run('a');
    expect(recs).toHaveLength(400);
    const agree = recs.filter((r) => r.scores[0]?.pass === r.scores[1]?.pass).length / recs.length;
    // n = 400: the standard error of the share is at most 0.025.
    expect(Math.abs(agree - p)).toBeLessThan(0.06);
    expect(recs.every((r) => r.status === 'ok' && r.scores[1]?.judge?.model === 'sim:judge')).toBe(true);
    // Deterministic per (seed, sample, epoch): a rerun gives the same verdicts.
    expect((await run('b')).map((r) => r.scores[1]?.pass)).toEqual(recs.map((r) => r.scores[1]?.pass));
  });
});
