// Re-reading a streamed dataset (src/dataset/file-samples.ts): the time of one pass over every sample
// of a JSONL file, in file order and shuffled, after the one checking read that loadDataset makes.
//   npx tsx bench/dataset-read.ts [records]     default 100000 (records of ~330 bytes)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../src/dataset/load.js';

const n = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'haikubench-dataset-read-'));
const path = join(dir, 'd.jsonl');
try {
  writeFileSync(path, Array.from({ length: n }, (_, i) => JSON.stringify({ id: `s${i}`, text: `question ${i} ${'x'.repeat(300)}`, a: String(i % 7) })).join('\n'));
  console.log(`node ${process.version}; ${n} records`);
  for (const shuffle of [false, true]) {
    const d = await loadDataset({ path, format: 'jsonl', fields: { metadata: [], target: 'a' }, shuffle, seed: 1 }, 'd.jsonl');
    const t = performance.now();
    let chars = 0;
    for (const s of d.samples) chars += s.id.length;
    const ms = performance.now() - t;
    console.log(`${shuffle ? 'shuffled' : 'in order'}: ${(ms / 1000).toFixed(2)} s a pass, ${((ms * 1000) / n).toFixed(1)} µs a sample (${chars} id chars read)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
