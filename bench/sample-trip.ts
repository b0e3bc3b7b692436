// One sample's trip through the code, counted: a spec with one simulated model, a `label` scorer and
// one dataset row, run with `--junit --markdown`, on a copy of the compiled CLI, unbundled
// (cli/entry.js, not the bin's bundle), whose every function announces itself
// (bench/sample-trip/instrument.ts). Calls made while modules load are left out, for modules imported
// late (`await import`) as for those loaded at start: the trip starts when cli/entry's own code runs,
// and it is the work done for the sample, not the building of module-level constants.
//
//   npm run build && npx tsx bench/sample-trip.ts [BUILD_DIR] [--list]
//
// Each function counts once, when it is first entered (a loop over 1 row or 1,000 is the same trip).
// A step is a run of consecutive first calls in one file. A crossing is a step whose folder differs from
// the step before it; "back" counts crossings into a folder the trip had already left. Folders are
// the top-level folders of src/ (report/render counts as report); files at the top (types, errors)
// count as one folder, ".". The sub-folder count is printed beside it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { instrument } from './sample-trip/instrument.js';
import { isBundleOutput } from '../src/util/build-freshness.js';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const build = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'dist'));
const work = mkdtempSync(join(tmpdir(), 'sample-trip-'));

const SPEC = `name: trip
dataset:
  path: data.jsonl
  fields:
    id: ticket_id
    target: queue
prompt:
  system: Route the ticket. Answer with the queue name only.
  user: "{{ticket}}"
models:
  - sim:claude-haiku-5-5
scorers:
  - type: label
    allowed: [billing, technical, account, shipping, returns, sales]
`;
const ROW = { ticket_id: 'T-1001', ticket: 'Hi, I was charged twice for my March subscription: two payments of $14.99 on 03/02. Can you refund one of them? Thanks, Priya', queue: 'billing' };

const RECORDER = `
const calls = [];
const seen = new Set();
globalThis.__trip = (file, name) => {
  const key = file + '\\t' + name;
  if (globalThis.__tripOn && !(globalThis.__tripLoading > 0) && !seen.has(key)) { seen.add(key); calls.push(key); }
};
process.on('exit', () => { require('node:fs').writeFileSync(process.env.TRIP_OUT, calls.join('\\n')); });
`;

function copyInstrumented(): string {
  const dist = join(work, 'dist');
  cpSync(build, dist, { recursive: true });
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js') && !isBundleOutput(e.name)) {
        const rel = relative(dist, p);
        let text = instrument(readFileSync(p, 'utf8'), rel, rel === join('cli', 'entry.js'));
        if (rel === join('cli', 'entry.js')) text = text.replace(/^(#!.*\n)?/, (shebang) => `${shebang}globalThis.__tripOn = true;\n`);
        writeFileSync(p, text);
      }
    }
  };
  walk(dist);
  symlinkSync(resolve(build, '..', 'node_modules'), join(work, 'node_modules'));
  cpSync(join(build, '..', 'package.json'), join(work, 'package.json'));
  return dist;
}

function trace(dist: string): [string, string][] {
  const run = join(work, 'run');
  mkdirSync(run);
  writeFileSync(join(run, 'spec.yaml'), SPEC);
  writeFileSync(join(run, 'data.jsonl'), `${JSON.stringify(ROW)}\n`);
  writeFileSync(join(work, 'recorder.cjs'), RECORDER);
  const out = join(work, 'calls.tsv');
  execFileSync(process.execPath, ['--require', join(work, 'recorder.cjs'), join(dist, 'cli', 'entry.js'), 'run', 'spec.yaml',
    '--junit', 'trip.xml', '--markdown', 'trip.md', '--out', 'out', '--no-cache'], { cwd: run, env: { ...process.env, TRIP_OUT: out, CI: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]);
}

interface Step { file: string; names: string[] }

function stepsOf(calls: [string, string][]): Step[] {
  const steps: Step[] = [];
  for (const [file, name] of calls) {
    const last = steps.at(-1);
    if (last?.file === file) { if (!last.names.includes(name)) last.names.push(name); } else steps.push({ file, names: [name] });
  }
  return steps;
}

const topFolder = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');
const subFolder = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.');

function count(steps: Step[], folderOf: (f: string) => string) {
  let crossings = 0, back = 0;
  const left = new Set<string>();
  const marks: string[] = [];
  steps.forEach((s, i) => {
    const prev = i > 0 ? folderOf(steps[i - 1]!.file) : undefined;
    const here = folderOf(s.file);
    if (prev === undefined || prev === here) { marks.push('  '); return; }
    left.add(prev);
    crossings++;
    if (left.has(here)) { back++; marks.push('XB'); } else marks.push('X ');
  });
  return { crossings, back, marks, folders: new Set(steps.map((s) => folderOf(s.file))).size };
}

try {
  const steps = stepsOf(trace(copyInstrumented()));
  const top = count(steps, topFolder);
  const sub = count(steps, subFolder);
  if (args.includes('--list')) {
    steps.forEach((s, i) => console.log(`${String(i + 1).padStart(4)} ${top.marks[i]} ${s.file.replace(/\.js$/, '')}:${s.names.slice(0, 4).join('/')}`));
  }
  const files = new Set(steps.map((s) => s.file)).size;
  console.log(`steps ${steps.length}, files ${files}, top-level folders ${top.folders}: ${top.crossings} crossings (${top.back} back into a folder already left)`);
  console.log(`counting sub-folders as folders (${sub.folders}): ${sub.crossings} crossings (${sub.back} back)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
