import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { scanImports, type ImportForm } from './import-scan.js';

// The architecture of a source tree checked against a declared layering. A layering is a list of
// layers, top to bottom; a layer is a list of units; a unit is a path prefix under the source root
// (`cli`, `judge/calibration`, `types.ts`), and a file belongs to the unit with the longest prefix
// that matches it. A unit may import itself or any unit of a strictly lower layer, nothing else.
// Reported: imports against the layering (type and value alike), runtime import cycles between
// units (value imports only), files in no unit, and files over a number of lines. Pure: it works
// on a map of file → text, which `readSourceTree` builds from a folder.

export type Layering = readonly (readonly string[])[];
export type ImportKind = 'value' | 'type';

/** One relative import, resolved to a path under the root (`..`-prefixed when it leaves it). */
export interface ImportEdge {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly target: string;
  readonly kind: ImportKind;
  readonly form: ImportForm;
  readonly fromUnit: string | null;
  readonly toUnit: string | null;
}

export interface LayerViolation extends ImportEdge {
  /** upward: into a higher layer; sibling: another unit of the same layer; undeclared: into no unit. */
  readonly reason: 'upward' | 'sibling' | 'undeclared';
}

export interface CycleStep {
  readonly from: string;
  readonly to: string;
  /** One value import that makes this step, the first in file order. */
  readonly example: ImportEdge;
}

export interface UnitCycle {
  /** Every unit of the strongly connected component, sorted. */
  readonly component: readonly string[];
  /** One concrete cycle inside the component, its first unit repeated at the end. */
  readonly path: readonly string[];
  readonly steps: readonly CycleStep[];
}

export interface LongFile {
  readonly file: string;
  readonly lines: number;
}

export interface ArchitectureReport {
  readonly edges: readonly ImportEdge[];
  readonly violations: readonly LayerViolation[];
  readonly cycles: readonly UnitCycle[];
  /** Files in no declared unit (their own imports are not judged). */
  readonly undeclared: readonly string[];
  readonly longFiles: readonly LongFile[];
  readonly maxLines: number;
  /** Declared units no file belongs to: not a violation, likely a typo or a unit still to come. */
  readonly emptyUnits: readonly string[];
}

export interface CheckOptions {
  /** Files with more lines than this are reported (default 300). */
  readonly maxLines?: number;
}

/** Every `.ts` file under `root` (declaration files aside), keyed by its `/`-separated path. */
export function readSourceTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const names = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((n) => n.split(sep).join('/'))
    .filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts'))
    .sort();
  for (const n of names) files.set(n, readFileSync(join(root, n), 'utf8'));
  return files;
}

/** The unit a path belongs to: the longest declared prefix (a whole path segment, `.ts` optional). */
export function unitOf(path: string, units: readonly string[]): string | null {
  let best: string | null = null;
  for (const u of units) {
    const matches = path === u || path.startsWith(`${u}/`) || path === `${u}.ts`;
    if (matches && (best === null || u.length > best.length)) best = u;
  }
  return best;
}

function resolveSpecifier(file: string, specifier: string): string {
  const joined = posix.normalize(posix.join(posix.dirname(file), specifier));
  return joined.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts');
}

/** Every relative import of every file, resolved and placed in its units. */
export function importEdges(files: ReadonlyMap<string, string>, units: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [file, text] of files) {
    const fromUnit = unitOf(file, units);
    for (const imp of scanImports(text)) {
      if (!imp.specifier.startsWith('./') && !imp.specifier.startsWith('../')) continue;
      const target = resolveSpecifier(file, imp.specifier);
      const toUnit = target.startsWith('../') ? null : unitOf(target, units);
      edges.push({ file, line: imp.line, specifier: imp.specifier, target, kind: imp.typeOnly ? 'type' : 'value', form: imp.form, fromUnit, toUnit });
    }
  }
  return edges;
}

function layerViolations(edges: readonly ImportEdge[], layerOf: ReadonlyMap<string, number>): LayerViolation[] {
  const out: LayerViolation[] = [];
  for (const e of edges) {
    if (e.fromUnit === null || e.fromUnit === e.toUnit) continue;
    if (e.toUnit === null) { out.push({ ...e, reason: 'undeclared' }); continue; }
    const from = layerOf.get(e.fromUnit) as number;
    const to = layerOf.get(e.toUnit) as number;
    if (to < from) out.push({ ...e, reason: 'upward' });
    else if (to === from) out.push({ ...e, reason: 'sibling' });
  }
  return out;
}

/** Strongly connected components of a graph (Tarjan), each sorted, in discovery order. */
export function stronglyConnected(nodes: readonly string[], next: (n: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const comp: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    out.push(comp.sort());
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}

/** The shortest cycle through `start` that stays inside `members` (breadth first). */
function shortestCycle(start: string, members: ReadonlySet<string>, next: (n: string) => readonly string[]): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as string;
    for (const w of next(v)) {
      if (!members.has(w)) continue;
      if (w === start) {
        const back: string[] = [];
        for (let u = v; u !== start; u = parent.get(u) as string) back.push(u);
        return [start, ...back.reverse(), start];
      }
      if (!parent.has(w) && w !== start) { parent.set(w, v); queue.push(w); }
    }
  }
  return [start];
}

/**
 * Runtime cycles between units, from value imports only: for each strongly connected component of
 * more than one unit, the shortest cycle through its first unit, then through each unit no cycle
 * so far went through, until every unit of the component is on one.
 */
export function unitCycles(edges: readonly ImportEdge[]): UnitCycle[] {
  const example = new Map<string, ImportEdge>();
  const succ = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.kind !== 'value' || e.fromUnit === null || e.toUnit === null || e.fromUnit === e.toUnit) continue;
    const key = `${e.fromUnit}\u0000${e.toUnit}`;
    if (!example.has(key)) example.set(key, e);
    const s = succ.get(e.fromUnit) ?? new Set<string>();
    s.add(e.toUnit);
    succ.set(e.fromUnit, s);
  }
  const next = (n: string): string[] => [...(succ.get(n) ?? [])].sort();
  const nodes = [...new Set([...succ.keys(), ...[...succ.values()].flatMap((s) => [...s])])].sort();
  const cycles: UnitCycle[] = [];
  for (const component of stronglyConnected(nodes, next).filter((c) => c.length > 1)) {
    const members = new Set(component);
    const covered = new Set<string>();
    for (const start of component) {
      if (covered.has(start)) continue;
      const path = shortestCycle(start, members, next);
      for (const u of path) covered.add(u);
      const steps = path.slice(1).map((to, k) => {
        const from = path[k] as string;
        return { from, to, example: example.get(`${from}\u0000${to}`) as ImportEdge };
      });
      cycles.push({ component, path, steps });
    }
  }
  return cycles;
}

/** Lines as `wc -l` would count them, plus a last line with no line break. */
export function lineCount(text: string): number {
  const breaks = text.split('\n').length - 1;
  return text.length === 0 || text.endsWith('\n') ? breaks : breaks + 1;
}

export function checkArchitecture(files: ReadonlyMap<string, string>, layering: Layering, opts: CheckOptions = {}): ArchitectureReport {
  const maxLines = opts.maxLines ?? 300;
  const layerOf = new Map<string, number>();
  layering.forEach((layer, i) => { for (const u of layer) layerOf.set(u, i); });
  const units = [...layerOf.keys()];
  const edges = importEdges(files, units);
  const unitsSeen = new Set([...files.keys()].map((f) => unitOf(f, units)));
  const undeclared = [...files.keys()].filter((f) => unitOf(f, units) === null);
  const longFiles = [...files].map(([file, text]) => ({ file, lines: lineCount(text) })).filter((f) => f.lines > maxLines);
  return { edges, violations: layerViolations(edges, layerOf), cycles: unitCycles(edges), undeclared, longFiles, maxLines,
    emptyUnits: units.filter((u) => !unitsSeen.has(u)) };
}

/** How many imports of each kind go from one unit to another (within a unit not counted). */
export function unitGraph(edges: readonly ImportEdge[]): { from: string; to: string; value: number; type: number }[] {
  const counts = new Map<string, { from: string; to: string; value: number; type: number }>();
  for (const e of edges) {
    if (e.fromUnit === e.toUnit) continue;
    const from = e.fromUnit ?? '(none)';
    const to = e.toUnit ?? '(none)';
    const c = counts.get(`${from}\u0000${to}`) ?? { from, to, value: 0, type: 0 };
    c[e.kind]++;
    counts.set(`${from}\u0000${to}`, c);
  }
  return [...counts.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

export const isClean = (r: ArchitectureReport): boolean =>
  r.violations.length === 0 && r.cycles.length === 0 && r.undeclared.length === 0 && r.longFiles.length === 0;

const where = (e: ImportEdge): string => `${e.file}:${e.line}`;
const unitName = (u: string | null): string => u ?? '(no unit)';

/** The report as text: one line per finding, grouped by kind, with a count line at the end. */
export function formatReport(r: ArchitectureReport): string {
  const out: string[] = [];
  if (r.violations.length > 0) {
    out.push(`Imports against the layering (${r.violations.length}):`);
    for (const v of r.violations) {
      out.push(`  ${where(v)}  ${unitName(v.fromUnit)} → ${unitName(v.toUnit)}  ${v.reason}, ${v.kind} ${v.form} of '${v.specifier}'`);
    }
  }
  if (r.cycles.length > 0) {
    out.push(`Runtime import cycles between units (${r.cycles.length}):`);
    for (const c of r.cycles) {
      const more = c.component.length > c.path.length - 1 ? `  (in the component ${c.component.join(', ')})` : '';
      out.push(`  ${c.path.join(' → ')}${more}`);
      for (const s of c.steps) out.push(`    ${s.from} → ${s.to}: ${where(s.example)} imports '${s.example.specifier}'`);
    }
  }
  if (r.undeclared.length > 0) {
    out.push(`Files in no declared unit (${r.undeclared.length}):`);
    for (const f of r.undeclared) out.push(`  ${f}`);
  }
  if (r.longFiles.length > 0) {
    out.push(`Files over ${r.maxLines} lines (${r.longFiles.length}):`);
    for (const f of r.longFiles) out.push(`  ${f.file}: ${f.lines} lines`);
  }
  if (r.emptyUnits.length > 0) out.push(`Declared units with no file (not a violation): ${r.emptyUnits.join(', ')}`);
  out.push(isClean(r)
    ? `Architecture clean: ${r.edges.length} relative imports checked.`
    : `${r.violations.length} layering violation(s), ${r.cycles.length} cycle(s), ${r.undeclared.length} undeclared file(s), ${r.longFiles.length} long file(s) in ${r.edges.length} relative imports.`);
  return out.join('\n');
}

/** The unit graph as text: `from → to  value N, type M`, one pair a line. */
export function formatUnitGraph(edges: readonly ImportEdge[]): string {
  return unitGraph(edges).map((g) => `  ${g.from} → ${g.to}  value ${g.value}, type ${g.type}`).join('\n');
}
