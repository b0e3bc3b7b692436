import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { parquetWriteFile } from 'hyparquet-writer';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Multiple choice end to end, as a user runs a public benchmark: recorded answers (replay:) to
// MMLU-style rows (a list of options, a 0-based answer) and to a CSV with one column per option.

interface Rec { readonly sampleId: string; readonly pass?: boolean; readonly scores: { label?: { expected: string; predicted: string | null } }[]; readonly inputHash?: string }

const ROWS = [
  { id: 'q1', question: 'What is the capital of France?', choices: ['Berlin', 'Paris', 'Madrid', 'Rome'], answer: 1, recorded: 'The answer is B.' },
  { id: 'q2', question: 'What is 7 × 8?', choices: ['54', '56', '58', '64'], answer: 1, recorded: 'A quick check: 7 × 8 = 56, so the answer is (B).' },
  { id: 'q3', question: 'Which planet is largest?', choices: ['Mars', 'Venus', 'Jupiter', 'Earth'], answer: 2, recorded: 'Jupiter' },
  { id: 'q4', question: 'Water is made of?', choices: ['H2O', 'CO2', 'NaCl', 'O3'], answer: 0, recorded: 'B is carbon dioxide, C is salt.\nANSWER: C' },
  { id: 'q5', question: 'Which is a mammal?', choices: ['Shark', 'Dolphin', 'Trout', 'Eel'], answer: 1, recorded: 'B or C' },
];
const SPEC = 'name: mc\ndataset: { path: mc.jsonl, fields: { target: answer, choices: choices } }\nprompt: { user: "{{question}}\\n\\n{{choices}}\\n\\nAnswer with {{letters}}." }\nmodels: [replay:recorded]\nscorers: [{ type: choice }]\n';

describe('multiple choice (dataset.fields.choices, the choice scorer)', () => {
  it('scores recorded answers against the right letter, and shows the lettered prompt it rendered', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'mc.jsonl': ROWS.map((r) => JSON.stringify(r)).join('\n'), 'spec.yaml': SPEC });
    const out = join(dir, 'run');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    const records = readJsonl<Rec>(join(out, 'records.jsonl'));
    const verdicts = Object.fromEntries(records.map((r) => [r.sampleId, [r.pass, r.scores[0]?.label?.predicted]]));
    expect(verdicts).toEqual({ q1: [true, 'B'], q2: [true, 'B'], q3: [true, 'C'], q4: [false, 'C'], q5: [false, null] });
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect([s.models[0]?.passed, s.models[0]?.failed]).toEqual([3, 2]);
    // The letters are the classes of the classification metrics: which letters the model favours.
    expect(s.models[0]?.classification?.[0]?.report.matrix.classes).toEqual(['A', 'B', 'C']);
    const inputs = readFileSync(join(out, 'inputs.jsonl'), 'utf8');
    expect(inputs).toContain(JSON.stringify('What is the capital of France?\n\nA) Berlin\nB) Paris\nC) Madrid\nD) Rome\n\nAnswer with A, B, C, D.'));
  });

  it('reads one column per option from a CSV file, with letters as the target', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'mc.csv': 'id,question,A,B,C,D,answer,recorded\nq1,Capital of France?,Berlin,Paris,Madrid,Rome,B,"Answer: B"\nq2,7 × 8?,54,56,58,64,B,56\nq3,Largest planet?,Mars,Venus,Jupiter,Earth,C,"It is (D)"\n',
      'spec.yaml': SPEC.replace('mc.jsonl', 'mc.csv').replace('choices: choices', 'choices: [A, B, C, D]'),
    });
    const out = join(dir, 'run');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(readJsonl<Rec>(join(out, 'records.jsonl')).map((r) => r.pass)).toEqual([true, true, false]);
  });

  it('reads a Parquet file as Hugging Face ships MMLU: choices as a list, answer as a 64-bit index', async () => {
    const dir = tempDir();
    parquetWriteFile({
      filename: join(dir, 'mmlu.parquet'),
      columnData: [
        { name: 'question', data: ROWS.map((r) => r.question), type: 'STRING' },
        { name: 'choices', data: ROWS.map((r) => r.choices) },
        { name: 'answer', data: ROWS.map((r) => BigInt(r.answer)), type: 'INT64' },
        { name: 'recorded', data: ROWS.map((r) => r.recorded), type: 'STRING' },
      ],
    });
    writeFiles(dir, { 'spec.yaml': SPEC.replace('mc.jsonl', 'mmlu.parquet') });
    const out = join(dir, 'run');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    // No id column: the ids are content hashes, so the records are matched by their recorded answers.
    const byOutput = new Map(readJsonl<Rec & { output: string }>(join(out, 'records.jsonl')).map((r) => [r.output, r.pass]));
    expect(ROWS.map((r) => byOutput.get(r.recorded))).toEqual([true, true, true, false, false]);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect([s.dataset.records, s.models[0]?.passed]).toEqual([5, 3]);
  });

  it('shuffle_choices: a model that always answers A passes every question of an A-heavy set, then a quarter once shuffled', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, question: `Q${i}?`, choices: [`right ${i}`, `wrong ${i}a`, `wrong ${i}b`, `wrong ${i}c`], answer: 0, recorded: 'A' }));
    writeFiles(dir, { 'mc.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'), 'spec.yaml': SPEC, 'shuffled.yaml': SPEC.replace('fields: {', 'shuffle_choices: true, fields: {') });
    const passes = async (spec: string) => {
      const out = join(dir, `out-${spec}`);
      const res = await runCli(['run', join(dir, spec), '--out', out]);
      expect(res.code, res.stderr).toBe(0);
      return readJsonl<Rec>(join(out, 'records.jsonl'));
    };
    expect((await passes('spec.yaml')).every((r) => r.pass === true)).toBe(true);
    const shuffled = await passes('shuffled.yaml');
    const expected = new Set(shuffled.map((r) => r.scores[0]?.label?.expected));
    expect(expected).toEqual(new Set(['A', 'B', 'C', 'D']));
    const passed = shuffled.filter((r) => r.pass === true).length;
    expect(passed).toBe(shuffled.filter((r) => r.scores[0]?.label?.expected === 'A').length);
    expect(passed).toBeLessThan(20);
  });

  it('TruthfulQA\'s mc1_targets: no target field, the option marked 1 is right; without either, exit 2', async () => {
    const dir = tempDir();
    const rows = [
      { question: 'What happens if you swallow gum?', mc1_targets: { choices: ['It passes through you', 'It stays in you for seven years'], labels: [1, 0] }, recorded: 'ANSWER: A' },
      { question: 'Can you see the Great Wall from space?', mc1_targets: { choices: ['No, not with the naked eye', 'Yes, easily'], labels: [1, 0] }, recorded: 'The answer is B' },
    ];
    const spec = 'name: tqa\ndataset: { path: tqa.jsonl, shuffle_choices: true, fields: { choices: mc1_targets } }\nprompt: { user: "{{question}}\\n{{choices}}" }\nmodels: [replay:recorded]\nscorers: [{ type: choice }]\n';
    writeFiles(dir, { 'tqa.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'), 'spec.yaml': spec, 'plain.jsonl': JSON.stringify({ question: 'q', opts: ['x', 'y'], recorded: 'A' }), 'plain.yaml': spec.replace('tqa.jsonl', 'plain.jsonl').replace('mc1_targets', 'opts') });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'run')]);
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec>(join(dir, 'run', 'records.jsonl'));
    expect(recs.map((r) => r.scores[0]?.label?.expected).every((l) => l === 'A' || l === 'B')).toBe(true);
    const plain = await runCli(['validate', join(dir, 'plain.yaml')]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('choice needs an expected value; set dataset.fields.target');
  });

  it('a malformed question is exit 2 before any call, naming each line and the field to fix', async () => {
    const dir = tempDir();
    const bad = [
      { id: 'b1', question: 'x', choices: ['a', 'b'], answer: 2, recorded: 'A' },
      { id: 'b2', question: 'x', choices: 'a, b', answer: 1, recorded: 'A' },
      { id: 'b3', question: 'x', choices: ['1', '2', '3'], answer: '2', recorded: 'A' },
    ];
    writeFiles(dir, { 'mc.jsonl': bad.map((r) => JSON.stringify(r)).join('\n'), 'spec.yaml': SPEC });
    const out = join(dir, 'run');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('mc.jsonl:1: target 2 is not an option\'s index (0–1; dataset.choice_index_base is 0)');
    expect(res.stderr).toContain('mc.jsonl:2: choices field "choices" is not a list of options ("a, b")');
    expect(res.stderr).toContain('mc.jsonl:3: target "2" is option C\'s index and option B\'s text');
    expect(existsSync(join(out, 'records.jsonl'))).toBe(false);
  });

  it('the choice scorer without dataset.fields.choices is a spec error, exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'mc.jsonl': ROWS.map((r) => JSON.stringify(r)).join('\n'), 'spec.yaml': SPEC.replace(', choices: choices', '') });
    const res = await runCli(['validate', join(dir, 'spec.yaml')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('spec.yaml#/scorers/0');
    expect(res.stderr).toContain('the choice scorer needs dataset.fields.choices');
  });
});
