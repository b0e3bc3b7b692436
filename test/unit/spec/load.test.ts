import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SpecError } from '../../../src/errors.js';
import { parseSpecText } from '../../../src/spec/load.js';

// Syntax errors name file:line, and a common mistake gets a hint.

function problems(text: string): string {
  try {
    parseSpecText(text, 'e.yaml');
  } catch (err) {
    if (err instanceof SpecError) return err.message;
    throw err;
  }
  return '';
}

describe('parseSpecText', () => {
  const cases: readonly { name: string; text: string; expected: RegExp }[] = [
    { name: 'an unquoted ": " in a value', text: 'name: x\nprompt:\n  user: Answer: yes or no\n', expected: /e\.yaml:3: .*a value containing ': ' must be quoted, e\.g\. user: "Answer: yes or no"/ },
    { name: 'an unquoted ": " in a flow value', text: 'name: x\nprompt: { user: Answer: yes }\n', expected: /e\.yaml:2: / },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    expect(problems(text)).toMatch(expected);
  });

  it('parses a quoted value', () => {
    expect(parseSpecText('prompt:\n  user: "Answer: yes or no"\n', 'ok.yaml').data).toEqual({ prompt: { user: 'Answer: yes or no' } });
  });
});

describe('bundled evals', () => {
  const root = resolve(import.meta.dirname, '../../..');
  const files = readdirSync(join(root, 'evals')).filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s starts with the yaml-language-server modeline', (f) => {
    expect(readFileSync(join(root, 'evals', f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/eval-spec.schema.json');
  });
});
