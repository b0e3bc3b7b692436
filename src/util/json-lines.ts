import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

// The lines of a JSON-lines file (records.jsonl) as parsed values with their line numbers, streamed;
// blank lines skipped. A line that does not parse is forgiven when it is the last one (the torn write
// of a killed run: that item never finished); one with lines after it means the file was edited or is
// not what it should be, and `corrupt` says what to throw (with the line and the parser's message).

export interface JsonLine {
  readonly line: number;
  readonly value: unknown;
}

export async function* jsonLines(file: string, corrupt: (line: number, message: string) => Error): AsyncGenerator<JsonLine> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  let pending: { line: number; message: string } | undefined;
  for await (const text of lines) {
    n += 1;
    if (text.trim() === '') continue;
    if (pending !== undefined) throw corrupt(pending.line, pending.message);
    try {
      yield { line: n, value: JSON.parse(text) as unknown };
    } catch (err) {
      pending = { line: n, message: (err as Error).message };
    }
  }
}
