import type { Json } from '../types.js';
import { hasPlaceholders } from '../prompt/template.js';
import { compileSafeRegex } from '../util/safe-regex.js';
import type { ScorerSpec } from '../scoring/create.js';
import { compileOutputSchema } from '../scoring/assertions/json.js';
import { gradedDefinition } from '../scoring/model-graded/index.js';
import { pluginDefinition } from '../scoring/plugin/definitions.js';

// Checks on scorer options that a JSON Schema cannot express: a regex that compiles, an output schema
// that ajv accepts. Templated values are checked per sample later (spec/check-samples).

export function checkScorerOptions(scorers: readonly ScorerSpec[], file: string): string[] {
  const issues: string[] = [];
  scorers.forEach((s, i) => {
    const where = `${file}#/scorers/${i}`;
    const pattern = s.options['pattern'];
    if (s.type === 'regex' && typeof pattern === 'string' && !hasPlaceholders(pattern)) {
      try {
        compileSafeRegex(pattern, String(s.options['flags'] ?? ''));
      } catch (err) {
        issues.push(`${where}/pattern: not a valid regular expression (${(err as Error).message})`);
      }
    }
    const graded = gradedDefinition(s.type);
    // The options passed the definition's JSON Schema, so its check may read them as typed.
    const check = graded?.check as ((o: unknown) => readonly { path: string; message: string }[]) | undefined;
    for (const issue of check?.(s.options) ?? []) issues.push(`${where}${issue.path}: ${issue.message}`);
    for (const issue of pluginDefinition(s.type)?.checkSync(s) ?? []) issues.push(`${where}${issue.path}: ${issue.message}`);
    if (s.type === 'json-schema') {
      try {
        compileOutputSchema(s.options['schema'] as Json);
      } catch (err) {
        issues.push(`${where}/schema: ajv cannot compile this JSON Schema (${(err as Error).message})`);
      }
    }
  });
  return issues;
}
