import type { Sample } from '../types.js';

// Clusters (dataset.fields.group): samples that share a group value are not independent (several
// questions on one passage), so their intervals resample whole groups. A sample without a group value
// is a cluster of its own, whose id is kept apart from the real group values by a NUL prefix (a group
// value that itself began with NUL would be taken for a sample's own cluster).

const OWN = '\u0000';

/** The cluster id of a sample that has no group value: its own. */
export const ownCluster = (sampleId: string): string => `${OWN}${sampleId}`;

/** What a record keeps of its sample's group: the group value, null for a sample that is its own cluster, undefined without a group field. */
export function recordGroup(sample: Pick<Sample, 'group'>): string | null | undefined {
  if (sample.group === undefined) return undefined;
  return sample.group.startsWith(OWN) ? null : sample.group;
}

/** The cluster of a record read back (its `group`): undefined when the run had no group field. */
export function clusterOfRecord(r: { readonly sampleId: string; readonly group?: string | null | undefined }): string | undefined {
  if (r.group === undefined) return undefined;
  return r.group ?? ownCluster(r.sampleId);
}
