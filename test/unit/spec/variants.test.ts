import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { doc, FILE, issuesOf, load } from './helpers.js';
import { readPromptFiles } from '../../../src/spec/prompt-files.js';
import { validateSpec } from '../../../src/spec/validate.js';
import { SpecError } from '../../../src/errors.js';
import { buildRequest } from '../../../src/runner/request.js';
import type { EvalSpecInput } from '../../../src/spec/input.js';

// Prompt variants (`prompts`): every model × every variant is a contestant (model@variant) with its
// own prompt over the spec's `prompt`; gates name a variant or apply to each; a spec without
// `prompts` resolves as before.

const MODELS = ['anthropic:claude-haiku-5-5', { id: 'anthropic:claude-sonnet-5-5', label: 'Sonnet' }];
const sample = { id: 's1', vars: { question: 'why?' }, metadata: {}, source: 'x:1' };

describe('prompt variants', () => {
  it('makes model × variant contestants, model-major, each with its own prompt', () => {
    const spec = load(doc({ models: MODELS, prompt: { system: 'base system', user: 'Q: {{question}}' }, prompts: [{ id: 'v1' }, { id: 'v2', system: 'careful system' }, { id: 'v3', user: 'Question: {{question}}' }] }));
    expect(spec.models.map((m) => [m.id, m.label, m.variant?.id, m.baseId])).toEqual([
      ['anthropic:claude-haiku-5-5@v1', 'anthropic:claude-haiku-5-5@v1', 'v1', 'anthropic:claude-haiku-5-5'],
      ['anthropic:claude-haiku-5-5@v2', 'anthropic:claude-haiku-5-5@v2', 'v2', 'anthropic:claude-haiku-5-5'],
      ['anthropic:claude-haiku-5-5@v3', 'anthropic:claude-haiku-5-5@v3', 'v3', 'anthropic:claude-haiku-5-5'],
      ['anthropic:claude-sonnet-5-5@v1', 'Sonnet@v1', 'v1', 'anthropic:claude-sonnet-5-5'],
      ['anthropic:claude-sonnet-5-5@v2', 'Sonnet@v2', 'v2', 'anthropic:claude-sonnet-5-5'],
      ['anthropic:claude-sonnet-5-5@v3', 'Sonnet@v3', 'v3', 'anthropic:claude-sonnet-5-5'],
    ]);
    const req = (i: number) => { const m = spec.models[i]; if (m === undefined) throw new Error('no model'); return buildRequest(spec, m, sample); };
    expect([req(0).system, req(0).messages]).toEqual(['base system', [{ role: 'user', content: 'Q: why?' }]]);
    expect([req(1).system, req(1).messages]).toEqual(['careful system', [{ role: 'user', content: 'Q: why?' }]]);
    expect([req(5).system, req(5).messages]).toEqual(['base system', [{ role: 'user', content: 'Question: why?' }]]);
    expect(req(5).model).toBe('claude-sonnet-5-5');
    expect(spec.variants?.map((v) => v.at)).toEqual([
      { system: `${FILE}#/prompt/system`, messages: [`${FILE}#/prompt/user`] },
      { system: `${FILE}#/prompts/1/system`, messages: [`${FILE}#/prompt/user`] },
      { system: `${FILE}#/prompt/system`, messages: [`${FILE}#/prompts/2/user`] },
    ]);
  });

  it('needs no base prompt when every variant gives its turns (the first is what judges are shown)', () => {
    const spec = load(doc({ prompt: undefined, prompts: [{ id: 'a', user: 'A {{question}}' }, { id: 'b', messages: [{ role: 'user', content: 'B {{question}}' }] }] }));
    expect(spec.prompt.messages).toEqual([{ role: 'user', content: 'A {{question}}' }]);
    expect(spec.models.map((m) => m.id)).toEqual(['anthropic:claude-haiku-5-5@a', 'anthropic:claude-haiku-5-5@b']);
  });

  it('leaves a spec without prompts as it was', () => {
    const spec = load(doc({ models: MODELS }));
    expect(spec.variants).toBeUndefined();
    expect(spec.models.map((m) => m.id)).toEqual(['anthropic:claude-haiku-5-5', 'anthropic:claude-sonnet-5-5']);
    expect(spec.models.every((m) => m.variant === undefined && m.baseId === undefined)).toBe(true);
  });

  it('keeps the simulated mark last in a simulated contestant\'s label', () => {
    const spec = load(doc({ prompts: [{ id: 'v1' }] }), { simulate: true });
    expect(spec.models.map((m) => [m.id, m.label])).toEqual([['sim:claude-haiku-5-5@v1', 'anthropic:claude-haiku-5-5@v1 (simulated)']]);
  });

  it('turns gates into contestant gates: by variant, or one per variant', () => {
    const spec = load(doc({ models: MODELS, prompts: [{ id: 'v1' }, { id: 'v2' }], gates: [
      { model: 'anthropic:claude-haiku-5-5', variant: 'v2', min_pass_rate: 0.9 },
      { model: 'Sonnet', min_pass_rate: 0.5 },
      { model: 'anthropic:claude-haiku-5-5@v1', min_pass_rate: 0.7 },
    ] }));
    expect(spec.gates).toEqual([
      { model: 'anthropic:claude-haiku-5-5@v2', minPassRate: 0.9 },
      { model: 'Sonnet@v1', minPassRate: 0.5 },
      { model: 'Sonnet@v2', minPassRate: 0.5 },
      { model: 'anthropic:claude-haiku-5-5@v1', minPassRate: 0.7 },
    ]);
  });

  it.each([
    ['a variant id listed twice', { prompts: [{ id: 'v1' }, { id: 'v1' }] }, `${FILE}#/prompts/1/id: variant v1 is listed twice`],
    ['a variant without turns and no base turns', { prompt: { system: 's' }, prompts: [{ id: 'v1' }] }, `${FILE}#/prompts/0: variant v1 has no user turn`],
    ['user and messages in one variant', { prompts: [{ id: 'v1', user: 'a', messages: [{ role: 'user', content: 'b' }] }] }, `${FILE}#/prompts/0: give either "user" or "messages"`],
    ['a variant starting with an assistant turn', { prompts: [{ id: 'v1', messages: [{ role: 'assistant', content: 'b' }] }] }, `${FILE}#/prompts/0/messages/0/content: the first turn must be "user"`],
    ['a gate on an unknown variant', { prompts: [{ id: 'v1' }], gates: [{ model: 'anthropic:claude-haiku-5-5', variant: 'v9', min_pass_rate: 0.5 }] }, `${FILE}#/gates/0/variant: "v9" is not one of the variants (v1)`],
    ['a gate on a model not in the spec', { prompts: [{ id: 'v1' }, { id: 'v2' }], gates: [{ model: 'anthropic:claude-haiku-5-5', min_pass_rate: 0.5 }, { model: 'anthropic:claude-opus-5-5', min_pass_rate: 0.5 }] }, `${FILE}#/gates/1/model: "anthropic:claude-opus-5-5" is not one of the models (anthropic:claude-haiku-5-5)`],
    ['a gate with a variant and no prompts', { gates: [{ model: 'anthropic:claude-haiku-5-5', variant: 'v1', min_pass_rate: 0.5 }] }, `${FILE}#/gates/0/variant: the spec has no prompt variants`],
    ['a prefill on a 5.5 model in one variant', { prompts: [{ id: 'v1' }, { id: 'v2', messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: '{' }] }] }, `${FILE}#/prompts/1/messages/1/content: anthropic:claude-haiku-5-5@v2 rejects a final assistant turn`],
    ['no prompt and no prompts', { prompt: undefined }, `${FILE}#/prompt: missing the user turn`],
    ['a variant file never read (resolveSpec without readPromptFiles)', { prompts: [{ id: 'v1', file: 'v1.yaml' }] }, `${FILE}#/prompts/0/file: the variant's file was not read`],
  ])('refuses %s', (_what, changes, issue) => {
    const issues = issuesOf(() => load(doc(changes)));
    expect(issues.some((i) => i.startsWith(issue)), issues.join('\n')).toBe(true);
  });

  it('refuses a variant id with characters outside the id pattern (the schema)', () => {
    expect(() => load(doc({ prompts: [{ id: 'v@2' }] }))).toThrow(SpecError);
  });
});

describe('prompt variants from files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'haikubench-variants-'));
  const spec = join(dir, 'spec.yaml');
  writeFileSync(join(dir, 'v2.yaml'), 'system: from the file\nuser: "F: {{question}}"\n');
  writeFileSync(join(dir, 'v3.md'), 'Markdown turn: {{question}}\n');
  writeFileSync(join(dir, 'bad.yaml'), 'sytem: typo\n');
  const input = (prompts: unknown[]) => validateSpec({ data: doc({ prompts }), file: spec, sha256: '', lineOf: () => undefined }) as EvalSpecInput;

  it('reads a structured file and a text file (the user turn)', async () => {
    const got = await readPromptFiles(input([{ id: 'v2', file: 'v2.yaml' }, { id: 'v3', file: 'v3.md', system: 'inline system' }]), spec);
    expect(got.prompts).toEqual([
      { id: 'v2', system: 'from the file', user: 'F: {{question}}' },
      { id: 'v3', system: 'inline system', user: 'Markdown turn: {{question}}\n' },
    ]);
  });

  it.each([
    ['a missing file', [{ id: 'x', file: 'nope.yaml' }], `${spec}#/prompts/0/file: cannot read "nope.yaml" (no such file; paths are relative to the spec)`],
    ['an unknown key', [{ id: 'x', file: 'bad.yaml' }], `${spec}#/prompts/0/file: "bad.yaml" unknown key(s) sytem`],
    ['a part given twice', [{ id: 'x', file: 'v2.yaml', system: 'inline' }], `${spec}#/prompts/0: system given both inline and in "v2.yaml"; keep one`],
  ])('refuses %s', async (_what, prompts, issue) => {
    const err = await readPromptFiles(input(prompts), spec).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SpecError);
    expect((err as SpecError).issues.some((i) => i.startsWith(issue)), (err as SpecError).issues.join('\n')).toBe(true);
  });
});
