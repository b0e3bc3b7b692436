import type { ReducedVerdict } from '../../judge/reduce.js';
import { intScaleSchema, normalised, scaleIssues, type GradedDefinition, type IntScale, type OptionIssue } from './types.js';

// criteria: one judge call grades several named criteria, each on its own scale; the sample passes
// when every criterion reaches its pass_at. The value is the mean of the criteria mapped to 0..1;
// each criterion's own score is kept in the score's judge.verdict.

export interface CriterionOption {
  readonly name: string;
  readonly description: string;
  readonly scale: IntScale;
  readonly pass_at: number;
}

export interface CriteriaOptions {
  readonly criteria: readonly CriterionOption[];
}

export const criteria: GradedDefinition<CriteriaOptions> = {
  type: 'criteria',
  description: 'A judge model grades several named criteria in one call; passes when every criterion reaches its pass_at.',
  options: {
    properties: {
      criteria: {
        type: 'array',
        minItems: 1,
        description: 'The criteria, each with its own scale and pass threshold.',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', pattern: '^\\S(.*\\S)?$', description: 'Key of the criterion in the verdict.' },
            description: { type: 'string', minLength: 1, description: 'What the criterion asks ({{var}} templates; {{output}} refers to the output).' },
            scale: intScaleSchema,
            pass_at: { type: 'number', description: 'Pass threshold of this criterion, on its scale.' },
          },
          required: ['name', 'description', 'scale', 'pass_at'],
          additionalProperties: false,
        },
      },
    },
    required: ['criteria'],
  },
  needsExpected: false,
  templated: ['criteria'],
  check: (o) => {
    const issues: OptionIssue[] = [];
    const seen = new Set<string>();
    o.criteria.forEach((c, i) => {
      if (seen.has(c.name)) issues.push({ path: `/criteria/${i}/name`, message: `"${c.name}" is used twice; criterion names must be unique` });
      seen.add(c.name);
      issues.push(...scaleIssues(c.scale, c.pass_at, `/criteria/${i}`));
    });
    return issues;
  },
  task: ({ options, output, input }) => ({
    kind: 'criteria', output,
    criteria: options.criteria.map((c) => ({ name: c.name, description: c.description, scale: { type: 'integer', min: c.scale.min, max: c.scale.max } })),
    ...(input !== undefined && { input }),
  }),
  score: (v: ReducedVerdict, o) => {
    const scores = v.kind === 'criteria' ? v.scores : {};
    const values = o.criteria.map((c) => normalised(scores[c.name]?.value ?? Number.NaN, c.scale));
    const failed = o.criteria.filter((c) => !((scores[c.name]?.value ?? Number.NaN) >= c.pass_at));
    const pass = failed.length === 0;
    const value = values.reduce((s, x) => s + x, 0) / Math.max(1, values.length);
    const why = failed.map((c) => `${c.name} ${scores[c.name]?.value ?? '?'} < ${c.pass_at}`).join(', ');
    return { value, pass, ...(!pass && { reason: `below pass_at: ${why}` }) };
  },
  // How far the item's verdict is from flipping. A passing item fails when any criterion drops below
  // its pass_at: the criterion closest to its threshold decides. A failing item passes only when every
  // failing criterion reaches its pass_at: the one furthest below decides (an item that fails one
  // criterion by far is not near, however close another one is).
  margin: (v: ReducedVerdict, o) => {
    const scores = v.kind === 'criteria' ? v.scores : {};
    const gaps = o.criteria.map((c) => (scores[c.name]?.value ?? Number.NaN) - c.pass_at);
    const below = gaps.filter((g) => !(g >= 0));
    return below.length === 0 ? Math.min(...gaps) : Math.max(...below.map((g) => -g));
  },
};
