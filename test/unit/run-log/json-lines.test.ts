import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines } from '../../../src/run-log/json-lines.js';
import { tempDir } from '../../support/cli.js';

// records.jsonl as parsed lines: blank lines skipped, a torn last line forgiven, a bad line with lines
// after it an error naming its line.

async function read(text: string): Promise<{ lines: number[]; error?: string }> {
  const file = join(tempDir('haikubench-json-lines-'), 'records.jsonl');
  writeFileSync(file, text);
  const lines: number[] = [];
  try {
    for await (const l of jsonLines(file, (line, message) => new Error(`line ${line}: ${message}`))) lines.push(l.line);
  } catch (err) {
    return { lines, error: (err as Error).message };
  }
  return { lines };
}

describe('jsonLines', () => {
  it.each([
    ['plain lines', '{"a":1}\n{"a":2}\n', [1, 2]],
    ['blank lines skipped, numbers kept', '{"a":1}\n\n  \n{"a":2}', [1, 4]],
    ['CRLF', '{"a":1}\r\n{"a":2}\r\n', [1, 2]],
    ['a torn last line (a killed run) is forgiven', '{"a":1}\n{"a":2}\n{"a":', [1, 2]],
    ['a torn last line followed by blank lines is still the last', '{"a":1}\n{"a":\n\n', [1]],
    ['an empty file', '', []],
  ])('%s', async (_name, text, lines) => {
    expect(await read(text)).toEqual({ lines });
  });

  it('a bad line with records after it is an error naming its line', async () => {
    const got = await read('{"a":1}\nnot json\n{"a":3}\n');
    expect(got.lines).toEqual([1]);
    expect(got.error).toMatch(/^line 2: /);
  });
});
