import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { SpecError } from '../errors.js';
import { sha256 } from '../util/random.js';

/** A parsed spec file with a way to find the line of a JSON pointer (YAML and JSON alike). */
export interface SpecSource {
  readonly file: string;
  readonly data: unknown;
  /** sha256 of the spec's text: a resumed run checks that the spec did not change. */
  readonly sha256: string;
  lineOf(pointer: string): number | undefined;
}

function pointerParts(pointer: string): string[] {
  return pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locator(doc: Document, counter: LineCounter) {
  return (pointer: string): number | undefined => {
    const parts = pointerParts(pointer);
    // Walk up until a node exists: a missing property points at its parent.
    for (let n = parts.length; n >= 0; n--) {
      const path = parts.slice(0, n).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const node = n === 0 ? doc.contents : doc.getIn(path, true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** The unquoted `key: Answer: yes` is the usual cause of these YAML errors: say so. */
function hintFor(code: string): string {
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return 'a value containing \': \' must be quoted, e.g. user: "Answer: yes or no"';
  return 'fix the YAML/JSON syntax';
}

const SHOWN_SYNTAX_ERRORS = 3;
const DATA_FILE = /\.(jsonl|ndjson|csv|tsv)$/i;

/** Parse spec text (YAML, or JSON, which YAML reads too). Syntax errors are SpecErrors with lines (the first few). */
export function parseSpecText(text: string, file: string): SpecSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // One broken line makes the parser report every token after it: the first few say where to look.
    const lines = doc.errors.slice(0, SHOWN_SYNTAX_ERRORS).map((e) => {
      const line = e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line;
      return `${file}:${line}: ${e.message.split('\n')[0]} (${hintFor(e.code)})`;
    });
    const more = doc.errors.length - lines.length;
    throw new SpecError(file, [
      ...(DATA_FILE.test(file) ? [`${file}: this looks like a dataset, not an eval spec; give the spec (.yaml or .json) that names it in dataset.path`] : []),
      ...lines,
      ...(more > 0 ? [`${file}: ${more} more syntax error${more === 1 ? '' : 's'} after these, most of them caused by the first`] : []),
    ]);
  }
  return { file, data: toData(doc, file), sha256: sha256(text), lineOf: locator(doc, counter) };
}

/** The document as plain data; an alias bomb (aliases of aliases, billions of nodes) is refused, not expanded. */
function toData(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new SpecError(file, [`${file}: the YAML uses too many aliases (*name) of aliases; write the values out, or use fewer nested aliases (a limit against alias bombs)`]);
    }
    throw err;
  }
}

export async function loadSpecFile(file: string): Promise<SpecSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SpecError(file, [code === 'ENOENT' ? `${file}: no such file (check the path)` : `${file}: cannot read (${code ?? String(err)})`]);
  }
  return parseSpecText(text, file);
}
