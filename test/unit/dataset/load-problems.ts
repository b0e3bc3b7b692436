import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../src/dataset/load.js';
import { DatasetError } from '../../../src/errors.js';
import type { DatasetSpec } from '../../../src/spec/types.js';

// Shared by the dataset tests that check what a bad file says: a file in a fresh temp folder, and the
// DatasetError message of loading it ('' when it loads).

export function datasetFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'haikubench-data-')), name);
  writeFileSync(path, text);
  return path;
}

export async function loadProblems(s: DatasetSpec): Promise<string> {
  try {
    await loadDataset(s, 'data.csv');
  } catch (e) {
    if (e instanceof DatasetError) return e.message;
    throw e;
  }
  return '';
}
