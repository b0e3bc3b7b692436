import { describe, expect, it } from 'vitest';
import { checkRequestLimits } from '../../../src/eval/request-limits.js';
import { evalSpec, modelSpec, sample } from '../runner/fakes.js';
import type { ModelSpec } from '../../../src/spec/types.js';

// Each sample's request against its model's limits, before any call: the request size (refused) and
// the context window on the ~4 characters a token estimate (warned).

const MB = 1024 * 1024;
const specOf = (...models: ModelSpec[]) => evalSpec({ models });
const haiku45 = (maxTokens = 1024) => modelSpec('anthropic:claude-haiku-4-5', { maxTokens });
const haiku55 = modelSpec('anthropic:claude-haiku-5-5');
const text = (chars: number) => sample('s', { question: 'x'.repeat(chars) });

describe('checkRequestLimits', () => {
  it.each<[string, ModelSpec[], number, boolean, { issues: number; warnings: RegExp[] }]>([
    ['a small sample', [haiku55], 100, false, { issues: 0, warnings: [] }],
    ['33 MB to the Messages API: refused', [haiku55], 33 * MB, false, { issues: 1, warnings: [/claude-haiku-5-5.*more input tokens.*context window of 1,000,000 tokens/] }],
    ['33 MB in a batch (256 MB): not refused, still above the window', [haiku55], 33 * MB, true, { issues: 0, warnings: [/likely to refuse it/] }],
    ['900K characters on Haiku 4.5 (200K window): warned', [haiku45()], 900_000, false, { issues: 0, warnings: [/s \(data\.jsonl:s: about 225,000\); the API is likely to refuse it/] }],
    ['700K characters + max_tokens 64,000 on Haiku 4.5: may be cut off', [haiku45(64_000)], 700_000, false, { issues: 0, warnings: [/about 175,000 \+ 64,000\).*model_context_window_exceeded/] }],
    ['700K characters + max_tokens 1,024 on Haiku 4.5: fits', [haiku45()], 700_000, false, { issues: 0, warnings: [] }],
    ['a simulated model sends nothing: not checked', [modelSpec('sim:claude-haiku-4-5')], 33 * MB, false, { issues: 0, warnings: [] }],
    ['an OpenAI-compatible endpoint: no published limit here', [modelSpec('openai:gpt-x')], 33 * MB, false, { issues: 0, warnings: [] }],
  ])('%s', (_label, models, chars, batch, want) => {
    const found = checkRequestLimits(specOf(...models), [text(chars)], { batch });
    expect(found.issues).toHaveLength(want.issues);
    expect(found.warnings).toHaveLength(want.warnings.length);
    want.warnings.forEach((re, i) => expect(found.warnings[i]).toMatch(re));
  });

  it('the refusal names the sample, its size in UTF-8 bytes (17M two-byte characters and the request around them), the limit and the fix', () => {
    const found = checkRequestLimits(specOf(haiku55), [text(100), sample('big', { question: 'é'.repeat(17 * MB) })], { batch: false });
    expect(found.issues).toEqual([
      'sample big (data.jsonl:big): its request to anthropic:claude-haiku-5-5 is 34.0 MB (35,651,686 bytes), above the limit of the Messages API (32 MB a request); shorten that sample or leave it out of the dataset (run --batch takes requests up to 256 MB)',
    ]);
  });

  it('shows three samples per problem and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i) => sample(`b${i}`, { question: 'x'.repeat(33 * MB) }));
    const found = checkRequestLimits(specOf(haiku55), many, { batch: false });
    expect(found.issues.map((l) => l.split(':')[0])).toEqual(['sample b0 (data.jsonl', 'sample b1 (data.jsonl', 'sample b2 (data.jsonl', '… and 2 more sample(s) above the limit; shorten those samples or leave them out of the dataset (run --batch takes requests up to 256 MB)']);
    expect(found.warnings[0]).toMatch(/^anthropic:claude-haiku-5-5: 5 samples .*: b0 \(.*\), b1 \(.*\), b2 \(.*\), and 2 more; /);
  });
});
