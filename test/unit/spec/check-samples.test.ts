import { describe, expect, it } from 'vitest';
import { checkSamples } from '../../../src/spec/check-samples.js';
import { InputError } from '../../../src/errors.js';
import type { Json, Sample } from '../../../src/types.js';
import type { EvalSpec } from '../../../src/spec/types.js';
import { doc, FILE, load, type Doc } from './helpers.js';

const s = (id: string, vars: Record<string, Json>, target?: Json): Sample => ({
  id,
  vars,
  ...(target !== undefined && { target }),
  metadata: {},
  source: `data/items.jsonl:${id.slice(1)}`,
});

function problems(spec: EvalSpec, samples: readonly Sample[]): readonly string[] {
  try {
    checkSamples(spec, samples, FILE);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(`${FILE}: ${err.issues.length} problem`);
    return err.issues;
  }
  return [];
}

const withPrompt = (prompt: Doc, extra: Doc = {}) => load(doc({ prompt, ...extra }));

describe('checkSamples: placeholders', () => {
  it('passes when every placeholder can be filled, nested paths included', () => {
    const spec = withPrompt({ system: 'Queue list: {{queues}}', user: 'Ticket {{ticket.subject}} from {{ticket.from.name}}; first tag {{tags[0]}}' });
    const samples = [
      s('s1', { queues: ['a', 'b'], ticket: { subject: 'hi', from: { name: 'Ann' } }, tags: ['x'] }, 'a'),
      s('s2', { queues: [], ticket: { subject: '', from: { name: null } }, tags: [0] }, 'b'),
    ];
    expect(problems(spec, samples)).toEqual([]);
  });

  it('a placeholder missing in some samples is ONE issue with the count and the first sample source', () => {
    const spec = withPrompt({ user: 'Q: {{question}} ctx: {{context}}' });
    const samples = [s('s1', { question: 'a', context: 'c' }, 'x'), s('s2', { question: 'b' }, 'x'), s('s3', { question: 'c', context: 'c' }, 'x'), s('s4', { question: 'd' }, 'x')];
    expect(problems(spec, samples)).toEqual([
      `${FILE}#/prompt/user: {{context}} cannot be filled: missing in 2 of 4 samples, first s2 (data/items.jsonl:2); fields are: question`,
    ]);
  });

  it('a placeholder no sample has is one issue listing the fields (a typo, not 500 lines)', () => {
    const spec = withPrompt({ user: 'Q: {{qestion}}' });
    const samples = Array.from({ length: 500 }, (_, i) => s(`s${i + 1}`, { question: `q${i}` }, 'x'));
    const issues = problems(spec, samples);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toBe(`${FILE}#/prompt/user: {{qestion}} cannot be filled: no sample has it (did you mean {{question}}?); fields are: question`);
  });

  it('a missing nested path is reported with its full path', () => {
    const spec = withPrompt({ user: '{{a.b.c}}' });
    const issues = problems(spec, [s('s1', { a: { b: { c: 1 } } }, 'x'), s('s2', { a: { b: {} } }, 'x')]);
    expect(issues).toEqual([expect.stringContaining('{{a.b.c}} cannot be filled: missing in 1 of 2 samples, first s2 (data/items.jsonl:2)')]);
  });

  it('problems in several templates are each reported, at their own pointer', () => {
    const spec = withPrompt(
      { system: '{{sys}}', messages: [{ role: 'user', content: '{{u1}}' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: '{{u2}}' }] },
      { models: ['openai:gpt-5'], scorers: [{ type: 'contains', expected: '{{answer}}' }, { type: 'contains-any', values: ['{{v}}', 'literal'] }] },
    );
    const issues = problems(spec, [s('s1', {}, 'x')]);
    expect(issues.map((i) => i.split(':')[0])).toEqual([
      `${FILE}#/prompt/system`,
      `${FILE}#/prompt/messages/0/content`,
      `${FILE}#/prompt/messages/2/content`,
      `${FILE}#/scorers/0/expected`,
      `${FILE}#/scorers/1/values`,
    ]);
  });

  it('invalid placeholder syntax counts as unfillable', () => {
    const issues = problems(withPrompt({ user: '{{ not a path }}' }), [s('s1', { x: 1 }, 'x')]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('{{not a path}} cannot be filled');
  });
});

describe('checkSamples: expected values', () => {
  it('a needsExpected scorer without a target or expected is an error', () => {
    const spec = withPrompt({ user: '{{q}}' });
    const issues = problems(spec, [s('s1', { q: 'a' }), s('s2', { q: 'b' })]);
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/scorers/0: equals needs an expected value`))]);
  });

  it('one sample without a target is enough to fail', () => {
    expect(problems(withPrompt({ user: '{{q}}' }), [s('s1', { q: 'a' }, 'A'), s('s2', { q: 'b' })])).toHaveLength(1);
  });

  it('an expected template satisfies a needsExpected scorer', () => {
    const spec = load(doc({ prompt: { user: '{{q}}' }, scorers: [{ type: 'equals', expected: '{{answer}}' }] }));
    expect(problems(spec, [s('s1', { q: 'a', answer: 'A' })])).toEqual([]);
  });

  it('scorers that need no expected value are fine without a target', () => {
    const spec = load(doc({ prompt: { user: '{{q}}' }, scorers: [{ type: 'is-json' }, { type: 'regex', pattern: '^A' }] }));
    expect(problems(spec, [s('s1', { q: 'a' })])).toEqual([]);
  });

  it('a sim model without targets is an error', () => {
    const spec = load(doc({ prompt: { user: '{{q}}' }, models: ['sim:claude-haiku-5-5'], scorers: [{ type: 'is-json' }] }));
    expect(problems(spec, [s('s1', { q: 'a' })])).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/models/0: the simulator \\(sim:claude-haiku-5-5\\) answers from the dataset target`))]);
  });

  it('a model simulated by override needs targets too', () => {
    const spec = load(doc({ prompt: { user: '{{q}}' }, scorers: [{ type: 'is-json' }] }), { simulate: true });
    expect(problems(spec, [s('s1', { q: 'a' })])).toHaveLength(1);
    expect(problems(spec, [s('s1', { q: 'a' }, 'A')])).toEqual([]);
  });
});

describe('checkSamples: label targets', () => {
  const spec = () => load(doc({ prompt: { user: '{{q}}' }, scorers: [{ type: 'label', allowed: ['billing', 'Shipping'] }] }));

  it('accepts targets that are allowed labels after normalisation ("shipping" for "Shipping")', () => {
    expect(problems(spec(), [s('s1', { q: 'x' }, 'billing'), s('s2', { q: 'y' }, 'shipping')])).toEqual([]);
  });

  it('names a target outside the allowed list, with the first sample and its source', () => {
    const issues = problems(spec(), [s('s1', { q: 'x' }, 'billing'), s('s2', { q: 'y' }, 'biling'), s('s3', { q: 'z' }, 'biling')]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('#/scorers/0/allowed: 2 sample target(s) are not allowed labels ("biling"), first s2 (data/items.jsonl:2)');
  });

  it('does not check a templated allowed list here (it differs per sample)', () => {
    const templated = load(doc({ prompt: { user: '{{q}}' }, scorers: [{ type: 'label', allowed: '{{labels}}' }] }));
    expect(problems(templated, [s('s1', { q: 'x', labels: ['a'] }, 'zzz')])).toEqual([]);
  });
});

describe('checkSamples: empty targets', () => {
  it('names empty or null targets for a scorer that compares with the target', () => {
    const spec = load(doc({ prompt: { user: '{{q}}' }, scorers: [{ type: 'contains' }] }));
    const issues = problems(spec, [s('s1', { q: 'x' }, 'ok'), s('s2', { q: 'y' }, ''), s('s3', { q: 'z' }, null)]);
    expect(issues).toEqual([`${FILE}#/scorers/0: 2 sample(s) have an empty target, first s2 (data/items.jsonl:2); fill them or remove the rows`]);
  });

  it('does not complain when the scorer has its own expected value', () => {
    const spec = load(doc({ prompt: { user: '{{q}}' }, scorers: [{ type: 'contains', expected: '{{q}}' }] }));
    expect(problems(spec, [s('s1', { q: 'x' }, '')])).toEqual([]);
  });
});

describe('checkSamples: numeric expected values must be numbers (the scorer parser decides)', () => {
  const numeric = (extra: Doc = {}) => load(doc({ prompt: { user: '{{q}}' }, scorers: [{ type: 'numeric', ...extra }] }));
  const cases: readonly { name: string; extra?: Doc; samples: readonly Sample[]; issues: readonly string[] }[] = [
    { name: 'numbers, numeric strings, currency and fractions pass', samples: [s('s1', { q: 'a' }, 42), s('s2', { q: 'b' }, '1,234'), s('s3', { q: 'c' }, '$3.50'), s('s4', { q: 'd' }, '1/2')], issues: [] },
    {
      name: 'targets that are not numbers are one line with the count, values and first samples',
      samples: [s('s1', { q: 'a' }, 42), s('s2', { q: 'b' }, 'forty two'), s('s3', { q: 'c' }, 'n/a'), s('s4', { q: 'd' }, 'x'), s('s5', { q: 'e' }, 'y')],
      issues: [`${FILE}#/scorers/0: numeric: 4 of 5 sample target(s) are not numbers ("forty two", "n/a", "x"), first s2 (data/items.jsonl:2), s3 (data/items.jsonl:3), s4 (data/items.jsonl:4); fix the data, or point dataset.fields.target at the right field`],
    },
    {
      name: 'an expected template is checked per sample, under its own pointer',
      extra: { expected: '{{answer}}' },
      samples: [s('s1', { q: 'a', answer: 'seven' }), s('s2', { q: 'b', answer: 7 })],
      issues: [`${FILE}#/scorers/0/expected: numeric: 1 of 2 expected value(s) are not numbers ("seven"), first s1 (data/items.jsonl:1); fix the data, or point "expected" at the right field`],
    },
    { name: 'a literal expected number passes whatever the target', extra: { expected: 12 }, samples: [s('s1', { q: 'a' }, 'twelve')], issues: [] },
  ];
  it.each(cases)('$name', ({ extra, samples, issues }) => {
    expect(problems(numeric(extra), samples)).toEqual(issues);
  });
});
