import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../../src/spec/load.js';
import { validateSpec } from '../../../src/spec/validate.js';
import { SpecError } from '../../../src/errors.js';
import { doc, FILE, issuesOf, load, loadText } from './helpers.js';

const F = 'evals/demo.eval.yaml';
const validate = (text: string, file = F) => validateSpec(parseSpecText(text, file));

describe('parseSpecText', () => {
  it('a YAML syntax error is a SpecError naming the file and line', () => {
    const text = ['name: demo', 'dataset:', '  path: d.jsonl', ' prompt: [', 'models: x', ''].join('\n');
    let err: unknown;
    try {
      parseSpecText(text, F);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const e = err as SpecError;
    expect(e.exitCode).toBe(2);
    expect(e.issues.length).toBeGreaterThanOrEqual(1);
    expect(e.issues[0]).toMatch(new RegExp(`^${F}:4: .*\\(fix the YAML/JSON syntax\\)$`));
  });

  it('shows the first three syntax errors and counts the rest; a dataset given as the spec is named as such', () => {
    const rows = ['{"id": "a", "q": "one"}', '{"id": "b", "q": "two"}', '{"id": "c", "q": "three"}'].join('\n');
    const issues = issuesOf(() => parseSpecText(rows, 'evals/data.jsonl'));
    expect(issues[0]).toBe('evals/data.jsonl: this looks like a dataset, not an eval spec; give the spec (.yaml or .json) that names it in dataset.path');
    expect(issues.slice(1, 4).every((l) => l.startsWith('evals/data.jsonl:2: '))).toBe(true);
    expect(issues[4]).toMatch(/^evals\/data\.jsonl: \d+ more syntax errors after these, most of them caused by the first$/);
    expect(issues).toHaveLength(5);
  });

  it('a duplicate key is a syntax error with its line', () => {
    const issues = issuesOf(() => parseSpecText('name: a\nname: b\n', F));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`^${F}:2: `));
  });

  it('a JSON syntax error names the line too', () => {
    const text = '{\n  "name": "demo",\n  "dataset": {"path": "d.jsonl"},,\n}\n';
    const issues = issuesOf(() => parseSpecText(text, 'evals/demo.json'));
    expect(issues[0]).toMatch(/^evals\/demo\.json:3: /);
  });

  it('lineOf finds the line of a pointer, and of the parent when the node is missing', () => {
    const src = parseSpecText(['name: demo', 'models:', '  - a', '  - id: b', '    label: B', ''].join('\n'), F);
    expect(src.lineOf('')).toBe(1);
    expect(src.lineOf('/models')).toBe(3);
    expect(src.lineOf('/models/1/label')).toBe(5);
    expect(src.lineOf('/models/1/missing')).toBe(4);
    expect(src.data).toEqual({ name: 'demo', models: ['a', { id: 'b', label: 'B' }] });
  });

  it('an alias bomb is a SpecError naming the file (not an internal error)', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const issues = issuesOf(() => parseSpecText(levels.join('\n'), F));
    expect(issues).toEqual([`${F}: the YAML uses too many aliases (*name) of aliases; write the values out, or use fewer nested aliases (a limit against alias bombs)`]);
  });
});

describe('validateSpec', () => {
  it('accepts a minimal YAML spec and returns the data as written', () => {
    const text = [
      'name: demo',
      'dataset:',
      '  path: d.jsonl',
      'prompt:',
      '  user: "Q: {{question}}"',
      'models: [anthropic:claude-haiku-5-5]',
      'scorers:',
      '  - type: equals',
      '',
    ].join('\n');
    expect(validate(text)).toEqual({
      name: 'demo',
      dataset: { path: 'd.jsonl' },
      prompt: { user: 'Q: {{question}}' },
      models: ['anthropic:claude-haiku-5-5'],
      scorers: [{ type: 'equals' }],
    });
  });

  it('accepts a top-level $schema string (for editors) and resolves as without it', () => {
    const json = JSON.stringify({ $schema: '../schemas/eval-spec.schema.json', ...doc() });
    expect(loadText(json)).toEqual(load(doc()));
  });

  it('accepts a JSON spec, and resolves it like YAML', () => {
    const json = JSON.stringify(doc(), null, 2);
    expect(loadText(json)).toEqual(load(doc()));
  });

  it('JSON spec errors carry lines', () => {
    const text = [
      '{',
      '  "name": "demo",',
      '  "dataset": {"path": "d.jsonl"},',
      '  "prompt": {"user": "hi"},',
      '  "models": ["anthropic:claude-haiku-5-5"],',
      '  "scorers": [{"type": "equals", "ignorecase": true}]',
      '}',
    ].join('\n');
    const issues = issuesOf(() => validate(text, 'evals/demo.json'));
    expect(issues).toEqual([
      expect.stringMatching(/^evals\/demo\.json#\/scorers\/0 \(line 6\): unknown property "ignorecase" \(did you mean "ignore_case"\?\)/),
    ]);
  });

  it('reports every problem at once, one issue each, each with file#/pointer (line N)', () => {
    const text = [
      'name: demo', //                                        1
      'promt:', //                                            2
      '  user: hi', //                                        3
      'dataset:', //                                          4
      '  path: d.jsonl', //                                   5
      'models:', //                                           6
      '  - id: anthropic:claude-haiku-5-5', //                7
      '    max_token: 3', //                                  8
      '  - id: openai:gpt-5', //                              9
      '    max_tokens: lots', //                             10
      'scorers:', //                                         11
      '  - type: equal', //                                  12
      'run:', //                                             13
      '  epochs: 0', //                                      14
      '',
    ].join('\n');
    let err: unknown;
    try {
      validate(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const issues = (err as SpecError).issues;
    expect(issues).toEqual([
      expect.stringMatching(new RegExp(`^${F}#/ \\(line 1\\): unknown property "promt" \\(did you mean "prompt"\\?\\)`)),
      expect.stringMatching(new RegExp(`^${F}#/models/0 \\(line 7\\): unknown property "max_token" \\(did you mean "max_tokens"\\?\\)`)),
      `${F}#/models/1/max_tokens (line 10): must be integer`,
      expect.stringMatching(new RegExp(`^${F}#/scorers/0 \\(line 12\\): unknown scorer type "equal" \\(did you mean "equals"\\?\\)`)),
      `${F}#/run/epochs (line 14): must be >= 1`,
    ]);
    // prompt is optional in the schema (prompts may stand in for it): the typo is the one problem named.
    expect((err as SpecError).message).toContain(`${F}: 5 problems`);
  });

  it.each([
    ['top level', { promt: { user: 'x' } }, '#/', 'promt', 'prompt'],
    ['dataset', { dataset: { path: 'd.jsonl', shufle: true } }, '#/dataset', 'shufle', 'shuffle'],
    ['run', { run: { concurency: 2 } }, '#/run', 'concurency', 'concurrency'],
    ['model object', { models: [{ id: 'anthropic:claude-haiku-5-5', efort: 'low' }] }, '#/models/0', 'efort', 'effort'],
  ])('an unknown property in %s suggests the near miss', (_where, changes, pointer, got, want) => {
    const issues = issuesOf(() => load(doc(changes)));
    expect(issues).toContainEqual(expect.stringContaining(`${FILE}${pointer} (line `));
    expect(issues.join('\n')).toContain(`unknown property "${got}" (did you mean "${want}"?)`);
  });

  it('an unknown property far from every name gets no guess, but the allowed list', () => {
    const issues = issuesOf(() => load(doc({ zzzzzzzz: 1 })));
    expect(issues).toHaveLength(1);
    expect(issues[0]).not.toContain('did you mean');
    expect(issues[0]).toContain('allowed: name, description, dataset, prompt, prompts, models, scorers');
  });

  it.each([
    ['equal', 'equals'],
    ['contain', 'contains'],
    ['json_schema', 'json-schema'],
    ['max-latncy', 'max-latency'],
  ])('unknown scorer type %s suggests %s', (got, want) => {
    const issues = issuesOf(() => load(doc({ scorers: [{ type: 'equals' }, { type: got }] })));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`#/scorers/1 \\(line \\d+\\): unknown scorer type "${got}" \\(did you mean "${want}"\\?\\)`));
  });

  it('a scorer option of the wrong type is reported against that option', () => {
    const issues = issuesOf(() => load(doc({ scorers: [{ type: 'max-latency', ms: 'fast' }] })));
    expect(issues).toEqual([expect.stringMatching(/#\/scorers\/0\/ms \(line \d+\): must be number$/)]);
  });

  it.each([
    ['a typo in a string model id', 'anthropic-claude-haiku-5-5'],
    ['a missing provider prefix', 'gpt-5'],
  ])('%s is explained by the id pattern, not "must be object"', (_name, id) => {
    const issues = issuesOf(() => load(doc({ models: [id] })));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/#\/models\/0 \(line \d+\): must match pattern/);
    expect(issues[0]).not.toContain('must be object');
  });

  it('a model that is neither a string nor an object is one issue naming both forms', () => {
    const issues = issuesOf(() => load(doc({ models: [5] })));
    expect(issues).toEqual([expect.stringMatching(/#\/models\/0 \(line \d+\): must be a provider id string .* or an object with an "id"$/)]);
  });

  it('a model object without an id says so', () => {
    const issues = issuesOf(() => load(doc({ models: [{ label: 'x' }] })));
    expect(issues).toEqual([expect.stringMatching(/#\/models\/0 \(line \d+\): missing required property "id"$/)]);
  });

  it('a model object with an unknown property does not also complain that it is not a string', () => {
    const issues = issuesOf(() => load(doc({ models: [{ id: 'openai:gpt-5', tempreature: 1 }] })));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('unknown property "tempreature" (did you mean "temperature"?)');
  });
});
