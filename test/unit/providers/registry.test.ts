import { describe, expect, it } from 'vitest';
import { idForms, judgeIdForms, MODEL_ID_PATTERN, modelEntryProperties, modelIdForms, providerDefinitions, providerKinds, providerRows } from '../../../src/providers/registry.js';
import { renderList } from '../../../src/cli/list.js';
import { createProvider } from '../../../src/providers/create.js';

describe('provider registry', () => {
  it.each(providerKinds)('%s: the definition is registered under its own kind', (kind) => {
    expect(providerDefinitions[kind].kind).toBe(kind);
  });

  it.each(providerKinds)('%s: its model-entry options are in the spec\'s model entry', (kind) => {
    const props = modelEntryProperties();
    for (const [key, schema] of Object.entries(providerDefinitions[kind].options)) expect(props[key]).toEqual(schema);
  });

  it.each(providerKinds)('%s: `haikubench list` shows it', (kind) => {
    expect(providerRows().map((r) => r[0])).toContain(`${kind}:${providerDefinitions[kind].idForm}`);
    expect(renderList()).toContain(`${kind}:${providerDefinitions[kind].idForm}`);
  });

  it.each([
    ['anthropic:claude-haiku-5-5', true],
    ['openai:gpt-5', true],
    ['sim:judge', true],
    ['replay:answer', true],
    ['bedrock:claude', false],
    ['anthropic:', false],
    ['anthropic:has space', false],
    ['module:./providers/agent.ts', true],
    ['module:./has space.ts', false],
    ['exec:python3 ./providers/agent.py --flag "a b"', true],
    ['exec: python3 agent.py', false],
    ['exec:', false],
    ['exec:python3\nagent.py', false],
  ])('the model id pattern: %s → %s', (id, ok) => {
    expect(new RegExp(MODEL_ID_PATTERN).test(id)).toBe(ok);
  });

  it.each([
    ['every kind', idForms(), 'anthropic:<model>, openai:<model>, sim:<profile>, replay:<field>, module:<path> or exec:<command>'],
    ['the kinds that can judge', judgeIdForms(), 'anthropic:<model>, openai:<model> or sim:<profile>'],
    ['the spec\'s model id', modelIdForms(), 'anthropic:<model>, openai:<model>, sim:<profile>, replay:<field> (the output is the sample\'s field; no model is called), module:<path> (your own provider module, relative to the spec file), or exec:<command> (your own provider as a command, JSON on stdin and stdout; may contain spaces)'],
  ])('lists %s', (_what, got, want) => {
    expect(got).toBe(want);
  });

  it('exactly one kind is the simulator and one replays', () => {
    expect(providerKinds.filter((k) => providerDefinitions[k].simulated)).toEqual(['sim']);
    expect(providerKinds.filter((k) => providerDefinitions[k].replay)).toEqual(['replay']);
  });
});

describe('createProvider from JavaScript', () => {
  it.each([['a model id', 'anthropic:claude-haiku-5-5'], ['nothing', undefined], ['an object without a provider kind', { id: 'x' }]])('given %s: a TypeError that says what it takes', (_what, value) => {
    expect(() => createProvider(value as never, {}, 0)).toThrow(/^createProvider takes a resolved model \(one of prepareEval\(spec\)\.spec\.models\), not .*; to run a model id, use evaluate\(spec, \{ models: \[id\] \}\)$/);
  });
});
