import { DatasetError } from '../errors.js';
import type { Sample } from '../types.js';
import type { DatasetSpec } from '../spec/types.js';
import { readRecords, type RawRecord } from './read.js';
import { toSamples } from './fields.js';
import { selectSamples } from './select.js';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface LoadedDataset {
  readonly samples: readonly Sample[];
  /** Records in the file, before shuffle and limit. */
  readonly total: number;
  /** Every sample id in the file, before shuffle and limit. */
  readonly ids: ReadonlySet<string>;
  /** sha256 of the file's bytes: the dataset's identity in summary.json. */
  readonly sha256: string;
}

async function fileHash(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function loadDataset(spec: DatasetSpec, displayPath: string): Promise<LoadedDataset> {
  const raws: RawRecord[] = [];
  for await (const r of readRecords(spec.path, spec.format, displayPath)) raws.push(r);
  if (raws.length === 0) throw new DatasetError(displayPath, [`${displayPath}: the dataset has no records`]);
  const all = toSamples(raws, spec.fields, displayPath);
  const samples = selectSamples(all, { shuffle: spec.shuffle, seed: spec.seed, ...(spec.limit !== undefined && { limit: spec.limit }) });
  return { samples, total: all.length, ids: new Set(all.map((x) => x.id)), sha256: await fileHash(spec.path) };
}
