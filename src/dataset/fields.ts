import { nearest } from '../util/suggest.js';
import { DatasetError } from '../errors.js';
import type { Json, Sample } from '../types.js';
import { lookup } from '../prompt/template.js';
import { sha256 } from '../util/random.js';
import type { DatasetSpec } from '../spec/types.js';
import type { RawRecord } from './read.js';
import { idPlaces } from './id-places.js';
import { ownCluster } from './clusters.js';
import { questionOf, type ChoiceRule, type Question } from './choices.js';

// Record → Sample. Every field of the record is a template variable. The id comes from the mapped
// field, else an "id" field (when the first record has one, every record must), else a hash of the
// record's content (stable when rows are reordered; identical records get -2, -3, … in file order).
// With a group field, a record without a group value is a cluster of its own (its id).
//
// The collector checks records one at a time as the file streams by and keeps only what it needs to
// rebuild any sample later from its record alone (sampleOf): the id rule, and the ids of duplicated
// id-less records. The file's records themselves are not kept (dataset/file-samples re-reads them).

type Fields = DatasetSpec['fields'];

/** How a record becomes a sample, once the whole file has been checked. */
export interface SampleRule {
  readonly fields: Fields;
  /** The id field, or undefined for content-hash ids. */
  readonly idField: string | undefined;
  /** Record number (0-based, file order) → id, for identical id-less records after the first. */
  readonly renamed: ReadonlyMap<number, string>;
  /** With fields.choices: what a numeric target counts from, and the seed of the options' shuffled order. */
  readonly choices?: ChoiceRule;
}

/** One shared, frozen object for the common case of no metadata fields (100k empty objects add up). */
const NO_METADATA: Readonly<Record<string, Json>> = Object.freeze({});
const MAX_ISSUES = 20;

const idText = (v: Json): string => (typeof v === 'string' ? v.trim() : JSON.stringify(v));
const hashId = (record: Readonly<Record<string, Json>>): string => `s-${sha256(JSON.stringify(record)).slice(0, 12)}`;

/** The sample of a checked record (record number n in file order); `question`: its multiple-choice question when already made. */
export function sampleOf(record: Readonly<Record<string, Json>>, where: string, n: number, rule: SampleRule, question?: Question): Sample {
  const { fields } = rule;
  const given = rule.idField === undefined ? undefined : record[rule.idField];
  const id = rule.renamed.get(n) ?? (given === undefined || given === null ? hashId(record) : idText(given));
  const hit = fields.target === undefined ? undefined : lookup(record, fields.target);
  const target = hit?.found === true ? hit.value : undefined;
  const metadata = fields.metadata.length === 0 ? NO_METADATA : Object.fromEntries(fields.metadata.map((k) => [k, record[k] ?? null]));
  const g = fields.group === undefined ? undefined : record[fields.group];
  // Without a group value the sample is its own cluster, keyed apart from every real group value.
  const group = fields.group === undefined ? undefined : g === undefined || g === null || idText(g) === '' ? ownCluster(id) : idText(g);
  if (fields.choices !== undefined) {
    const q = question ?? questionOf(record, fields.choices, target, fields.target !== undefined, rule.choices ?? { base: 0 }, id);
    // A record whose question is malformed never gets here: the collector refused it.
    if (typeof q !== 'string') return { id, vars: q.vars, target: q.target, metadata, group, choices: q.options, source: where };
  }
  // One literal with every field (target may be undefined): a fixed shape keeps 100k samples small.
  return { id, vars: record, target, metadata, group, choices: undefined, source: where };
}

export interface SampleCollector {
  /** Check the next record (file order); returns its sample, or undefined when the record has a problem. */
  add(record: Readonly<Record<string, Json>>, where: string): Sample | undefined;
  /** Enough problems to stop reading. */
  readonly full: boolean;
  /** Records added. */
  readonly count: number;
  /** The rule to rebuild samples with; throws DatasetError with every problem found. */
  finish(): SampleRule;
}

/**
 * A problem that most records of a broken dataset share (a misspelt target field) is one line with
 * its count and first places, not one line per record; the record's fields are listed so the fix is
 * in the message. Suggestions ("did you mean") go in the hint.
 */
function meant(field: string, record: Readonly<Record<string, Json>>): string {
  const near = nearest(field, Object.keys(record));
  return near === undefined ? '' : `; did you mean "${near}"?`;
}

function repeatedIssues(file: string) {
  const byText = new Map<string, { hint: string; count: number; firsts: string[]; fields: string[] }>();
  return {
    get size() { return byText.size; },
    note(text: string, hint: string, where: string, record: Readonly<Record<string, Json>>) {
      const r = byText.get(text) ?? { hint, count: 0, firsts: [], fields: Object.keys(record).slice(0, 12) };
      r.count += 1;
      if (r.firsts.length < 3) r.firsts.push(where);
      byText.set(text, r);
    },
    lines(records: number): string[] {
      return [...byText].map(([text, r]) => (r.count === 1
        ? `${r.firsts[0]}: ${text} (${r.hint}); fields are: ${r.fields.join(', ')}`
        : `${file}: ${text} in ${r.count} of ${records} records, first ${r.firsts.join(', ')} (${r.hint}); fields are: ${r.fields.join(', ')}`));
    },
  };
}

export function sampleCollector(fields: Fields, file: string, choices: ChoiceRule = { base: 0 }): SampleCollector {
  const issues: string[] = [];
  const repeats = repeatedIssues(file);
  // Where each id was first seen: the line number when `where` is `<file>:<line>` (a number costs
  // nothing; a million `where` strings cost ~60 MB), else `where` itself; the ids packed (id-places.ts).
  const seen = idPlaces();
  const prefix = `${file}:`;
  const compact = (where: string): number | string => {
    if (!where.startsWith(prefix)) return where;
    const line = where.slice(prefix.length);
    return /^[1-9]\d{0,9}$/.test(line) && Number(line) <= 0xffffffff ? Number(line) : where;
  };
  const copies = new Map<string, number>();
  const renamed = new Map<number, string>();
  const metadataSeen = new Set<string>();
  let idField = fields.id;
  let first: string | undefined;
  let n = 0;
  return {
    get full() { return issues.length + repeats.size >= MAX_ISSUES; },
    get count() { return n; },
    add(record, where) {
      const index = n++;
      if (index === 0) {
        first = where;
        if (idField === undefined && 'id' in record) idField = 'id';
      }
      for (const k of fields.metadata) if (k in record) metadataSeen.add(k);
      let id: string;
      if (idField !== undefined) {
        const v = record[idField];
        if (v === undefined || v === null || idText(v) === '') {
          repeats.note(`no sample id in field "${idField}"`, `set dataset.fields.id, or give every record an id${meant(idField, record)}`, where, record);
          return undefined;
        }
        id = idText(v);
        const before = seen.firstOrAdd(id, compact(where));
        if (before !== undefined) issues.push(`${where}: duplicate sample id "${id}" (first at ${typeof before === 'number' ? `${prefix}${before}` : before})`);
      } else {
        if ('id' in record) issues.push(`${where}: has an "id" field but the first record (${first ?? where}) has none; give every record an id, or none`);
        id = hashId(record);
        const k = copies.get(id) ?? 0;
        copies.set(id, k + 1);
        if (k > 0) renamed.set(index, (id = `${id}-${k + 1}`));
      }
      const hit = fields.target === undefined ? undefined : lookup(record, fields.target);
      if (fields.target !== undefined && hit?.found !== true) {
        repeats.note(`no target field "${fields.target}"`, `dataset.fields.target${meant(fields.target, record)}`, where, record);
        return undefined;
      }
      let question: Question | undefined;
      if (fields.choices !== undefined) {
        const q = questionOf(record, fields.choices, hit?.found === true ? hit.value : undefined, fields.target !== undefined, choices, id);
        if (typeof q === 'string') {
          const named = typeof fields.choices === 'string' ? fields.choices : undefined;
          const hint = !q.startsWith('target') ? `dataset.fields.choices${named !== undefined && record[named] === undefined ? meant(named, record) : ''}` : 'dataset.fields.target, dataset.choice_index_base';
          repeats.note(q, hint, where, record);
          return undefined;
        }
        question = q;
      }
      return sampleOf(record, where, index, { fields, idField, renamed, choices }, question);
    },
    finish() {
      for (const k of fields.metadata) {
        if (n > 0 && !metadataSeen.has(k)) issues.push(`${file}: metadata field "${k}" is in no record (dataset.fields.metadata)`);
      }
      const all = [...repeats.lines(n), ...issues];
      if (all.length > 0) throw new DatasetError(file, all.slice(0, MAX_ISSUES + fields.metadata.length));
      return { fields, idField, renamed, choices };
    },
  };
}

/** Every record checked and made a sample (small inputs, JSON arrays, tests). */
export function toSamples(raws: readonly RawRecord[], fields: Fields, file: string): Sample[] {
  const c = sampleCollector(fields, file);
  const samples: Sample[] = [];
  for (const { record, where } of raws) {
    const s = c.add(record, where);
    if (s !== undefined) samples.push(s);
    if (c.full) break;
  }
  c.finish();
  return samples;
}
