// Is a refactor behaviour-preserving? Runs every bundled eval (simulated, with --route) into a folder,
// or compares two such folders: each eval's summary.json must be identical once the fields that
// differ from run to run by nature (run id, timestamps, harness version) are set aside.
//
//   npx tsx bench/summary-identity.ts run DIR            run evals/*.yaml into DIR/<eval>/
//   npx tsx bench/summary-identity.ts diff BEFORE AFTER  compare DIR/<eval>/summary.json one by one
//
// Exit 0 when every summary matches, 1 otherwise (each difference printed with its JSON path).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
/** Fields that carry the moment or the identity of one run, not its result. */
const VOLATILE = new Set(['runId', 'startedAt', 'endedAt', 'createdAt', 'version', 'durationMs', 'wallMs']);

type J = null | boolean | number | string | J[] | { [k: string]: J };

export function differences(a: J, b: J, path = ''): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = a.length === b.length ? [] : [`${path}: ${a.length} items before, ${b.length} after`];
    for (let i = 0; i < Math.min(a.length, b.length); i++) out.push(...differences(a[i] as J, b[i] as J, `${path}[${i}]`));
    return out;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: string[] = [];
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (VOLATILE.has(k)) continue;
      if (!(k in a)) out.push(`${path}.${k}: added (${JSON.stringify(b[k])})`);
      else if (!(k in b)) out.push(`${path}.${k}: removed (was ${JSON.stringify(a[k])})`);
      else out.push(...differences(a[k] as J, b[k] as J, `${path}.${k}`));
    }
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${path}: ${JSON.stringify(a)} before, ${JSON.stringify(b)} after`];
}

function runAll(dir: string): void {
  const evals = readdirSync(join(root, 'evals')).filter((f) => f.endsWith('.yaml')).sort();
  for (const f of evals) {
    const out = join(dir, basename(f, '.yaml'));
    try {
      execFileSync(process.execPath, [join(root, 'dist/cli/main.js'), 'run', join('evals', f), '--simulate', 'auto', '--route', '--out', out], { cwd: root, stdio: 'ignore' });
      console.log(`${f}: exit 0 → ${out}`);
    } catch (err) {
      console.log(`${f}: exit ${(err as { status?: number }).status ?? '?'} → ${out}`);
    }
  }
}

function diffAll(before: string, after: string): number {
  let bad = 0;
  for (const name of readdirSync(before).sort()) {
    const [a, b] = [join(before, name, 'summary.json'), join(after, name, 'summary.json')];
    if (!existsSync(a)) continue;
    if (!existsSync(b)) { console.log(`${name}: no summary.json in ${after}`); bad++; continue; }
    const diffs = differences(JSON.parse(readFileSync(a, 'utf8')) as J, JSON.parse(readFileSync(b, 'utf8')) as J);
    console.log(`${name}: ${diffs.length === 0 ? 'identical' : `${diffs.length} difference(s)`}`);
    for (const d of diffs.slice(0, 40)) console.log(`  ${d}`);
    if (diffs.length > 0) bad++;
  }
  return bad === 0 ? 0 : 1;
}

const [cmd, x, y] = process.argv.slice(2);
if (cmd === 'run' && x !== undefined) runAll(resolve(x));
else if (cmd === 'diff' && x !== undefined && y !== undefined) process.exitCode = diffAll(resolve(x), resolve(y));
else {
  console.error('usage: npx tsx bench/summary-identity.ts run DIR | diff BEFORE AFTER');
  process.exitCode = 2;
}
