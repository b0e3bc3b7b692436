import { DatasetError } from '../errors.js';
import type { Json, Sample } from '../types.js';
import { lookup } from '../prompt/template.js';
import { sha256 } from '../util/random.js';
import type { DatasetSpec } from '../spec/types.js';
import type { RawRecord } from './read.js';

// Record → Sample. Every field of the record is a template variable. The id comes from the mapped
// field, else an "id" field, else a hash of the record's content (stable when rows are reordered).
// With a group field, a record without a group value is a cluster of its own (its id).

/** One shared, frozen object for the common case of no metadata fields (100k empty objects add up). */
const NO_METADATA: Readonly<Record<string, Json>> = Object.freeze({});

const idText = (v: Json): string => (typeof v === 'string' ? v.trim() : JSON.stringify(v));

export function toSamples(raws: readonly RawRecord[], fields: DatasetSpec['fields'], file: string): Sample[] {
  const issues: string[] = [];
  const seen = new Map<string, string>();
  const samples: Sample[] = [];
  const idField = fields.id ?? (raws.some((r) => 'id' in r.record) ? 'id' : undefined);
  for (const { record, where } of raws) {
    let id: string;
    if (idField !== undefined) {
      const v = record[idField];
      if (v === undefined || v === null || idText(v) === '') {
        issues.push(`${where}: no sample id in field "${idField}" (set dataset.fields.id, or give every record an id)`);
        continue;
      }
      id = idText(v);
    } else {
      id = `s-${sha256(JSON.stringify(record)).slice(0, 12)}`;
    }
    const first = seen.get(id);
    if (first !== undefined && idField !== undefined) issues.push(`${where}: duplicate sample id "${id}" (first at ${first})`);
    if (first !== undefined && idField === undefined) id = `${id}-${samples.filter((s) => s.id.startsWith(id)).length + 1}`;
    seen.set(id, where);
    let target: Json | undefined;
    if (fields.target !== undefined) {
      const hit = lookup(record, fields.target);
      if (!hit.found) issues.push(`${where}: no target field "${fields.target}" (dataset.fields.target)`);
      else target = hit.value;
    }
    const metadata = fields.metadata.length === 0 ? NO_METADATA : Object.fromEntries(fields.metadata.map((k) => [k, record[k] ?? null]));
    // One literal with every field (target may be undefined): a fixed shape keeps 100k samples small.
    const g = fields.group === undefined ? undefined : record[fields.group];
    // Without a group value the sample is its own cluster, keyed apart from every real group value.
    const group = fields.group === undefined ? undefined : g === undefined || g === null || idText(g) === '' ? `\u0000${id}` : idText(g);
    samples.push({ id, vars: record, target, metadata, group, source: where });
    if (issues.length >= 20) break;
  }
  for (const k of fields.metadata) {
    if (raws.length > 0 && !raws.some((r) => k in r.record)) issues.push(`${file}: metadata field "${k}" is in no record (dataset.fields.metadata)`);
  }
  if (issues.length > 0) throw new DatasetError(file, issues);
  return samples;
}
