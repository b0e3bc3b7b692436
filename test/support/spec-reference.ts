// Renders docs/spec-fields.md from schemas/eval-spec.schema.json: every spec field as a table row, and
// every scorer type with its own options. Pure (schema in, Markdown out) so that test/unit/docs.test.ts
// can regenerate the page in memory; docs/generate-spec-reference.ts writes it to disk.

type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  required?: string[];
};

export const SPEC_REFERENCE_PATH = 'docs/spec-fields.md';
export const SPEC_REFERENCE_COMMAND = 'npx tsx docs/generate-spec-reference.ts';

/** Options every scorer takes; listed once instead of under each type. */
const COMMON_SCORER_OPTIONS = ['type', 'name', 'weight', 'negate', 'reducer', 'expected'];

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();

function typeOf(s: Schema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' or ');
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return [...new Set(alternatives.map(typeOf))].join(' or ');
  if (s.type === 'array' && s.items && !Array.isArray(s.items)) return `array of ${typeOf(s.items)}`;
  if (Array.isArray(s.type)) return s.type.join(' or ');
  return s.type ?? 'any';
}

/** The default a description states, e.g. "(default 8)", "Default: the dataset target", "mean (default)". */
export function statedDefault(description: string | undefined): string {
  const d = description ?? '';
  const patterns = [/\(defaults?:?\s+([^;)]*)/i, /\bdefaults? to ([^;.)]*)/i, /\bdefault(?::\s+([^;,.)]*)|\s+(\d+(?:\.\d+)?))/i, /([\w-]+) \(default\)/i];
  for (const p of patterns) {
    const m = p.exec(d);
    const found = m?.slice(1).find((g) => g !== undefined && g !== '');
    if (found) return found.trim();
  }
  return '';
}

function bounds(s: Schema): string {
  const parts: string[] = [];
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

type Row = { path: string; type: string; description: string; default: string };

/** The object schemas a field's value can take (itself, an array's items, or anyOf alternatives). */
function objectsWithin(s: Schema): Array<{ schema: Schema; suffix: string }> {
  if (s.properties) return [{ schema: s, suffix: '' }];
  if (s.type === 'array' && s.items && !Array.isArray(s.items)) {
    return objectsWithin(s.items).map((o) => ({ schema: o.schema, suffix: `/*${o.suffix}` }));
  }
  return (s.anyOf ?? []).flatMap(objectsWithin);
}

function collect(s: Schema, path: string, rows: Row[], skip: (path: string) => boolean): void {
  for (const { schema, suffix } of objectsWithin(s)) {
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const childPath = `${path}${suffix}/${key}`;
      if (skip(childPath)) continue;
      const required = schema.required?.includes(key) ? ' (required)' : '';
      rows.push({
        path: childPath,
        type: typeOf(child) + bounds(child) + required,
        description: child.description ?? '',
        default: statedDefault(child.description),
      });
      collect(child, childPath, rows, skip);
    }
  }
}

function table(rows: Row[], first = 'field'): string[] {
  const lines = [`| ${first} | type | description | default |`, '| --- | --- | --- | --- |'];
  for (const r of rows) {
    lines.push(`| \`${cell(r.path)}\` | ${cell(r.type)} | ${cell(r.description)} | ${cell(r.default)} |`);
  }
  return lines;
}

export function renderSpecReference(schemaInput: unknown): string {
  const schema = schemaInput as Schema;
  const out: string[] = [
    '<!-- Generated from schemas/eval-spec.schema.json by `' + SPEC_REFERENCE_COMMAND + '`. Do not edit by hand. -->',
    '',
    '# Eval spec fields',
    '',
    'Every field of an eval spec, as [`schemas/eval-spec.schema.json`](../schemas/eval-spec.schema.json)',
    'describes it. Paths are JSON-pointer-like: `*` stands for any element of a list. The default is the one',
    'the description states; an empty cell means the description states none. The prose reference is',
    '[spec.md](spec.md).',
    '',
    '## Fields',
    '',
  ];
  const rows: Row[] = [];
  collect(schema, '', rows, (p) => p.startsWith('/scorers/*/'));
  out.push(...table(rows), '');

  const scorers = schema.properties?.['scorers'];
  const scorerItem = scorers?.items && !Array.isArray(scorers.items) ? scorers.items : undefined;
  const types = scorerItem?.oneOf ?? [];
  if (types.length > 0) {
    const first = types[0] as Schema;
    out.push('## Scorer options every type takes', '', `Each item of \`/scorers\` is an object whose \`type\` picks one of the types below.`, '');
    const common: Row[] = [];
    for (const key of COMMON_SCORER_OPTIONS) {
      const child = first.properties?.[key];
      if (!child) continue;
      common.push({
        path: key,
        type: key === 'type' ? 'string (required)' : typeOf(child) + bounds(child),
        description: key === 'type' ? 'Scorer type (see `haikubench list`).' : (child.description ?? ''),
        default: statedDefault(child.description),
      });
    }
    out.push(...table(common, 'option'), '', '## Scorer types', '');
    for (const t of types) {
      const name = String(t.properties?.['type']?.const ?? '?');
      out.push(`### \`${name}\``, '', cell(t.description ?? ''), '');
      const own: Row[] = [];
      // A scorer's own judge takes the fields of the spec-level judge, listed once under /judge.
      collect(t, '', own, (p) => COMMON_SCORER_OPTIONS.includes(p.slice(1)) || p.startsWith('/judge/'));
      if (own.length === 0) out.push('No options of its own.', '');
      else {
        const shown = own.map((r) => ({
          ...r,
          path: r.path.slice(1),
          type: r.path === '/judge' ? `${r.type}: the fields of \`/judge\`` : r.type,
        }));
        out.push(...table(shown, 'option'), '');
      }
    }
  }
  return out.join('\n');
}
