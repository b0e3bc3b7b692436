import { InputError } from '../errors.js';

// --shard i/n: a deterministic slice of a plan, so a CI matrix can split one suite over n machines.
// Samples are dealt round-robin by their position in the selected dataset (after shuffle and limit),
// so shards differ in size by at most one sample and every epoch and model of a sample stays in one
// shard (paired statistics need them together). The same spec, dataset and seed give the same slices.

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

const FORM = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** "2/3" → { index: 2, count: 3 }; anything else is an InputError (exit 2). */
export function parseShard(text: string): Shard {
  const m = FORM.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError('cli.flags', 'Invalid command-line flags:', [`--shard ${text}: must be i/n with whole numbers 1 <= i <= n, e.g. --shard 2/3 (the second of three slices)`]);
  }
  return { index, count };
}

/** Whether the sample at this position of the selected dataset belongs to the shard. */
export const inShard = (sampleIndex: number, shard: Shard | undefined): boolean =>
  shard === undefined || sampleIndex % shard.count === shard.index - 1;

export const shardText = (s: Shard): string => `${s.index}/${s.count}`;
