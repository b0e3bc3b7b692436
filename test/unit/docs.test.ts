import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from '../support/cli.js';
import { renderSpecReference, SPEC_REFERENCE_COMMAND, SPEC_REFERENCE_PATH } from '../support/spec-reference.js';

// The user-facing documentation: README.md and docs/*.md. The generated spec reference must match the
// schema, every relative link must reach a file of the repository, and nothing may point at files a
// user of the project does not have.

const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const read = (page: string) => readFileSync(join(ROOT, page), 'utf8');

/** Link targets of a Markdown page, outside fenced code blocks: [text](target) and [ref]: target. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] as string);
  const refs = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] as string);
  return [...inline, ...refs];
}

const isRelative = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');

describe('docs/spec-fields.md', () => {
  it(`is generated from schemas/eval-spec.schema.json (run ${SPEC_REFERENCE_COMMAND})`, () => {
    const schema = JSON.parse(read('schemas/eval-spec.schema.json')) as unknown;
    const onDisk = existsSync(join(ROOT, SPEC_REFERENCE_PATH)) ? read(SPEC_REFERENCE_PATH) : '';
    expect(onDisk === renderSpecReference(schema), `${SPEC_REFERENCE_PATH} is stale: run ${SPEC_REFERENCE_COMMAND}`).toBe(true);
  });

  it('lists every top-level field and every scorer type', () => {
    const schema = JSON.parse(read('schemas/eval-spec.schema.json')) as {
      properties: Record<string, { items?: { oneOf?: Array<{ properties: { type: { const: string } } }> } }>;
    };
    const text = read(SPEC_REFERENCE_PATH);
    for (const key of Object.keys(schema.properties)) expect(text).toContain(`| \`/${key}\` |`);
    for (const t of schema.properties['scorers']?.items?.oneOf ?? []) expect(text).toContain(`### \`${t.properties.type.const}\``);
  });
});

describe.each(pages)('%s', (page) => {
  const text = read(page);

  it('links only to files that exist in the repository', () => {
    const broken = linkTargets(text)
      .filter(isRelative)
      .map((target) => decodeURI(target.split('#')[0] as string))
      .filter((path) => path !== '')
      .filter((path) => {
        const resolved = join(ROOT, dirname(page), path);
        return relative(ROOT, resolved).startsWith('..') || !existsSync(resolved);
      });
    expect(broken).toEqual([]);
  });

  it.each(['../shared', 'STATISTICS.md', 'DESIGN.md', 'STYLE.md', 'ANTHROPIC.md'])('does not mention %s', (name) => {
    expect(text).not.toContain(name);
  });
});

describe.each(['README.md', 'docs/README.md'])('%s', (index) => {
  it('links every page of docs/', () => {
    const linked = new Set(
      linkTargets(read(index))
        .filter(isRelative)
        .map((t) => relative(ROOT, join(ROOT, dirname(index), t.split('#')[0] as string))),
    );
    expect(pages.filter((p) => p.startsWith('docs/') && p !== index && !linked.has(p))).toEqual([]);
  });
});
