import { referenceComparisons } from '../compare/in-run.js';
import { variantComparisons } from '../compare/variants.js';
import type { RunSummary } from '../summary/run-summary.js';
import { segmentBreakdown } from '../summary/segments.js';
import type { SummaryRecord } from '../summary/model-summary.js';
import type { PreparedEval } from './prepare.js';
import { ownCluster } from '../dataset/clusters.js';

/**
 * The summary's paired sections, at the spec's confidence level: every model against the first scored one, with
 * prompt variants each model's variants against its first, and the segments by metadata field. They pair samples across models, so they take the records as a
 * list; a one-model run without metadata fields (the large, simple case) never builds it. With dataset.fields.group every
 * paired interval and test is clustered on the groups.
 */
export function withPairedSections(base: RunSummary, records: Iterable<SummaryRecord>, p: Pick<PreparedEval, 'spec' | 'samples'>): RunSummary {
  const fields = p.spec.dataset.fields.metadata;
  const level = p.spec.run.confidence;
  if (fields.length === 0 && base.models.length < 2 && p.spec.variants === undefined) return base;
  const list = Array.isArray(records) ? (records as readonly SummaryRecord[]) : [...records];
  const metadata = new Map(fields.length > 0 ? Array.from(p.samples, (x) => [x.id, x.metadata] as const) : []);
  // A model none of whose answers is scored (a pairwise reference) cannot be what the others are compared with.
  const unscoredOnly = (m: RunSummary['models'][number]) => m.unscored !== undefined && m.passed + m.failed === 0;
  const models = [...base.models.filter((m) => !unscoredOnly(m)), ...base.models.filter(unscoredOnly)];
  const clusterOf = groupsOf(p);
  const segments = segmentBreakdown({ models, records: list, metadataOf: (id) => metadata.get(id) ?? {}, fields, level, clusterOf });
  const variants = variantComparisons(base, list, p.spec, level, clusterOf);
  return { ...base, comparisons: referenceComparisons({ ...base, models }, list, level, clusterOf), ...(variants !== undefined && { variants }), segments };
}

/** Each eval's sample id → cluster, built on the first lookup and shared by every caller (reading the samples means reading the dataset again). */
const clusterMaps = new WeakMap<PreparedEval['samples'], ReadonlyMap<string, string>>();

/** With dataset.fields.group: sample id → cluster, for the clustered intervals; undefined otherwise. */
export function groupsOf(p: Pick<PreparedEval, 'spec' | 'samples'>): ((sampleId: string) => string | undefined) | undefined {
  if (p.spec.dataset.fields.group === undefined) return undefined;
  return (id) => {
    let groups = clusterMaps.get(p.samples);
    if (groups === undefined) clusterMaps.set(p.samples, (groups = new Map(Array.from(p.samples, (x) => [x.id, x.group ?? ownCluster(x.id)] as const))));
    return groups.get(id);
  };
}
