import type { Json } from '../../types.js';
import { asText } from '../../prompt/template.js';
import { compileSafeRegex } from '../../util/safe-regex.js';
import type { CheckResult, ScorerDefinition } from '../types.js';

// Plain string assertions. Outputs are trimmed; `ignore_case` lowercases both sides.

export interface CaseOption { readonly ignore_case?: boolean }
const ignoreCase = { ignore_case: { type: 'boolean', description: 'Compare case-insensitively (default false).' } } as const;

const fold = (s: string, o: CaseOption) => (o.ignore_case === true ? s.toLocaleLowerCase('und') : s);
const list = (v: Json | undefined): string[] => (Array.isArray(v) ? (v as readonly Json[]).map(asText) : v === undefined ? [] : [asText(v)]);
const show = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
const verdict = (pass: boolean, reason: string): CheckResult => (pass ? { pass } : { pass, reason });

export const equals: ScorerDefinition<CaseOption> = {
  type: 'equals',
  description: 'Output (trimmed) equals the expected value.',
  options: { properties: { ...ignoreCase } },
  needsExpected: true,
  check: ({ completion, expected, options }) => {
    const want = fold(asText(expected ?? '').trim(), options);
    return verdict(fold(completion.text.trim(), options) === want, `expected ${show(want)}`);
  },
};

export const contains: ScorerDefinition<CaseOption> = {
  type: 'contains',
  description: 'Output contains the expected text.',
  options: { properties: { ...ignoreCase } },
  needsExpected: true,
  check: ({ completion, expected, options }) => {
    const want = fold(asText(expected ?? ''), options);
    return verdict(fold(completion.text, options).includes(want), `does not contain ${show(want)}`);
  },
};

export interface ValuesOption extends CaseOption { readonly values?: Json }
const valuesOption = {
  values: { description: 'Texts to look for: a list, or a {{var}} that holds a list. Defaults to the expected value.' },
  ...ignoreCase,
} as const;

export const containsAny: ScorerDefinition<ValuesOption> = {
  type: 'contains-any',
  description: 'Output contains at least one of the values.',
  options: { properties: valuesOption },
  needsExpected: false,
  templated: ['values'],
  check: ({ completion, expected, options }) => {
    const wants = list(options.values ?? expected).map((w) => fold(w, options));
    const text = fold(completion.text, options);
    return verdict(wants.some((w) => text.includes(w)), `contains none of ${wants.map(show).join(', ')}`);
  },
};

export const containsAll: ScorerDefinition<ValuesOption> = {
  type: 'contains-all',
  description: 'Output contains every one of the values.',
  options: { properties: valuesOption },
  needsExpected: false,
  templated: ['values'],
  check: ({ completion, expected, options }) => {
    const wants = list(options.values ?? expected);
    const text = fold(completion.text, options);
    const missing = wants.filter((w) => !text.includes(fold(w, options)));
    const value = wants.length === 0 ? 1 : (wants.length - missing.length) / wants.length;
    return { pass: missing.length === 0, value, ...(missing.length > 0 && { reason: `missing ${missing.map(show).join(', ')}` }) };
  },
};

export const startsWith: ScorerDefinition<CaseOption> = {
  type: 'starts-with',
  description: 'Output (leading whitespace ignored) starts with the expected text.',
  options: { properties: { ...ignoreCase } },
  needsExpected: true,
  check: ({ completion, expected, options }) => {
    const want = fold(asText(expected ?? ''), options);
    return verdict(fold(completion.text.trimStart(), options).startsWith(want), `does not start with ${show(want)}`);
  },
};

export interface RegexOption { readonly pattern: string; readonly flags?: string }

export const regex: ScorerDefinition<RegexOption> = {
  type: 'regex',
  description: 'Output matches the regular expression (JavaScript syntax without lookarounds or backreferences; matched in linear time).',
  options: {
    properties: {
      pattern: { type: 'string', minLength: 1, description: 'Regular expression, without slashes: JavaScript syntax without lookarounds or backreferences (RE2), so no pattern can hang a run.' },
      flags: { type: 'string', pattern: '^[dgimsuvy]*$', description: 'Regex flags, e.g. "i" or "ms".' },
    },
    required: ['pattern'],
  },
  needsExpected: false,
  templated: ['pattern'],
  check: ({ completion, options }) => {
    const re = compileSafeRegex(options.pattern, options.flags);
    // Trimmed like the other string assertions, so `^label$` accepts a model's trailing newline.
    return verdict(re.test(completion.text.trim()), `does not match /${options.pattern}/${options.flags ?? ''}`);
  },
};
