import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// A plug-in that cannot work is bad input: exit 2 before any call, naming the spec file, the place
// (pointer and line) and the fix.

const DATA = '{"id":"a","q":"2+2","answer":"4"}\n{"id":"b","q":"3+3","answer":"6"}\n';
const head = (models: string) => ['name: bad-plugins', 'dataset: { path: data.jsonl, fields: { target: answer } }', 'prompt: { user: "{{q}}" }', `models: ${models}`, 'scorers:'];

describe('plug-in input errors (e2e)', () => {
  it.each([
    {
      name: 'a missing scorer module',
      scorer: '  - { type: module, path: ./scorers/nope.ts }',
      expected: /spec\.yaml#\/scorers\/0\/path \(line 6\): no file \.\/scorers\/nope\.ts \(looked for .*scorers\/nope\.ts\); fix the path \(relative to the spec file\)/,
    },
    {
      name: 'a scorer module without a scorer export',
      scorer: '  - { type: module, path: ./empty.mjs }',
      expected: /spec\.yaml#\/scorers\/0\/path \(line 6\): \.\/empty\.mjs exports no scorer: export a function as default/,
    },
    {
      name: 'a scorer module that throws while it loads',
      scorer: '  - { type: module, path: ./broken.ts }',
      expected: /spec\.yaml#\/scorers\/0\/path \(line 6\): \.\/broken\.ts could not be loaded: Error: missing config/,
    },
    {
      name: 'an exec scorer whose program is not on PATH',
      scorer: '  - { type: exec, command: "no-such-program-hb17 --flag" }',
      expected: /spec\.yaml#\/scorers\/0\/command \(line 6\): command "no-such-program-hb17" not found on PATH; install it or give its full path/,
    },
    {
      name: 'an exec scorer whose script is missing',
      scorer: '  - { type: exec, command: "python3 ./scorers/missing.py" }',
      expected: /spec\.yaml#\/scorers\/0\/command \(line 6\): \.\/scorers\/missing\.py: no such file \(relative to the spec file's folder, .*\); fix the path/,
    },
    {
      name: 'an expression that does not compile',
      scorer: '  - { type: expression, value: "output.includes(" }',
      expected: /spec\.yaml#\/scorers\/0\/value \(line 6\): not a JavaScript expression/,
    },
  ])('$name: exit 2, named', async ({ scorer, expected }) => {
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': DATA,
      'empty.mjs': 'export const answer = 42;\n',
      'broken.ts': 'throw new Error("missing config");\nexport default function score(): boolean { return true; }\n',
      'spec.yaml': [...head('[sim:claude-haiku-5-5]'), scorer].join('\n'),
    });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'run')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(expected);
    expect(existsSync(join(dir, 'run/records.jsonl'))).toBe(false);
  });

  it.each([
    { name: 'a missing provider module', model: '[module:./agent-missing.ts]', expected: /spec\.yaml#\/models\/0 \(line 4\): no file \.\/agent-missing\.ts \(looked for .*\); fix the path/ },
    { name: 'a provider module without complete', model: '[module:./empty.mjs]', expected: /spec\.yaml#\/models\/0 \(line 4\): \.\/empty\.mjs exports no provider: export a function named "complete"/ },
    { name: 'an exec: provider whose program is not on PATH', model: '["exec:no-such-agent-hb17 run"]', expected: /spec\.yaml#\/models\/0 \(line 4\): command "no-such-agent-hb17" not found on PATH/ },
  ])('$name: exit 2, named', async ({ model, expected }) => {
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': DATA,
      'empty.mjs': 'export const answer = 42;\n',
      'spec.yaml': [...head(model), '  - { type: equals }'].join('\n'),
    });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'run')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(expected);
    expect(existsSync(join(dir, 'run/records.jsonl'))).toBe(false);
  });
});
