import type { EvalSpec } from '../spec/types.js';
import type { RunSummary, VariantComparison, VariantsSection } from '../summary/run-summary.js';
import type { SummaryRecord } from '../summary/model-summary.js';
import { referenceComparisons, type ClusterOf } from './in-run.js';

// Prompt variants compared: for each model, every variant against the first variant, paired on the
// samples both scored. The same paired comparison as every model against the first one
// (referenceComparisons: the change in pass rate with its interval, the exact McNemar test or the
// permutation test, the flips each way, the smallest detectable change), taken over one model's
// contestants at a time.

/** The variants section of the summary; undefined when the spec has no variants. */
export function variantComparisons(summary: Pick<RunSummary, 'models' | 'runId'>, records: readonly SummaryRecord[], spec: Pick<EvalSpec, 'models' | 'variants'>, level: number, clusterOf?: ClusterOf): VariantsSection | undefined {
  const variants = spec.variants;
  if (variants === undefined) return undefined;
  const bases = [...new Set(spec.models.map((m) => m.baseId ?? m.id))];
  const comparisons: VariantComparison[] = bases.flatMap((base) => {
    const mine = spec.models.filter((m) => (m.baseId ?? m.id) === base);
    const models = mine.flatMap((m) => summary.models.filter((s) => s.model === m.id));
    const variantOf = new Map(mine.map((m) => [m.id, m.variant?.id ?? ''] as const));
    return referenceComparisons({ models, runId: summary.runId }, records, level, clusterOf).map((c) => ({
      baseModel: base, referenceVariant: variantOf.get(c.reference) ?? '', variant: variantOf.get(c.model) ?? '', ...c,
    }));
  });
  return { ids: variants.map((v) => v.id), comparisons };
}
