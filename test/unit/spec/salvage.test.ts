import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { withoutBrokenScorers } from '../../../src/spec/salvage.js';
import type { SpecSource } from '../../../src/spec/load.js';

const src = (data: unknown): SpecSource => ({ file: 's.yaml', data, sha256: 'x', lineOf: () => undefined });
const err = (...issues: string[]) => new SpecError('s.yaml', issues);
const scorers = [{ type: 'lable' }, { type: 'contains', value: 'x' }, { type: 'regex' }];

describe('withoutBrokenScorers', () => {
  it.each<readonly [string, unknown, readonly string[], unknown]>([
    ['one broken entry is stood in for, the others keep their index', { scorers }, ['s.yaml#/scorers/0 (line 3): unknown scorer type "lable"'],
      [{ type: 'max-latency', ms: 1e12 }, scorers[1], scorers[2]]],
    ['an option deep in an entry', { scorers }, ['s.yaml#/scorers/2/pattern: missing required property'],
      [scorers[0], scorers[1], { type: 'max-latency', ms: 1e12 }]],
    ['a problem elsewhere: nothing to go on with', { scorers }, ['s.yaml#/scorers/0: bad', 's.yaml#/run (line 9): unknown property "x"'], undefined],
    ['the scorers list itself is wrong', { scorers: 'label' }, ['s.yaml#/scorers: must be array'], undefined],
    ['a top-level problem', { scorers }, ['s.yaml#/: missing required property "models"'], undefined],
    ['an index-like prefix is not an entry', { scorers }, ['s.yaml#/scorersX/0: bad'], undefined],
    ['no data', null, ['s.yaml#/scorers/0: bad'], undefined],
  ])('%s', (_name, data, issues, expected) => {
    const out = withoutBrokenScorers(src(data), err(...issues));
    if (expected === undefined) expect(out).toBeUndefined();
    else expect((out?.data as { scorers: unknown }).scorers).toEqual(expected);
  });
});
