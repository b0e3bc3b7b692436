import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// A CSV/TSV whose header repeats a column name is refused (exit 2) before any call, naming the file,
// the column and its positions, rather than silently reading the last of the two.

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const spec = (file: string): string =>
  `name: dup\ndataset: { path: ${file}, fields: { target: answer } }\nprompt: { user: "{{question}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: numeric }]\n`;

const cases: readonly { name: string; file: string; text: string }[] = [
  { name: 'CSV', file: 'data.csv', text: 'id,question,answer,answer\na,2+2,4,5\n' },
  { name: 'quoted CSV header with a BOM', file: 'data.csv', text: '\uFEFF"id","question","answer","answer"\na,2+2,4,5\n' },
  { name: 'TSV', file: 'data.tsv', text: 'id\tquestion\tanswer\tanswer\na\t2+2\t4\t5\n' },
];

describe('a dataset header with a repeated column', () => {
  it.each(cases)('exits 2 before any call, naming file, column and positions ($name)', async ({ file, text }) => {
    server = await startFakeAnthropic();
    const dir = tempDir();
    writeFiles(dir, { [file]: text, 'dup.yaml': spec(file) });
    const res = await runCli(['run', join(dir, 'dup.yaml')], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${file}:1: column "answer" appears twice (columns 3 and 4); rename one, or pick one with dataset.fields`);
    expect(server.calls).toHaveLength(0);
  });
});
