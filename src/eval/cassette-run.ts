import type { Provider } from '../types.js';
import type { Env } from '../providers/create.js';
import { providerDefinition } from '../providers/registry.js';
import { InputError } from '../errors.js';
import { buildRequest } from '../runner/request.js';
import { cassetteKey, describeCall, openCassette, recordingProvider, replayingProvider, type Cassette, type Miss } from '../cassette/index.js';
import { createProviders, providerKey, type PreparedEval } from './prepare.js';
import { workLeft } from './run-eval.js';
import type { Job } from './run-command.js';

// run --record DIR / --replay DIR: the providers of a command, over a cassette per eval. A replay
// creates no real provider (no key is read, no connection opened) and checks, before any item runs,
// that the cassette holds every call the items will make (exit 2 naming the first ones missing); a
// call found missing during the run (a judge's, whose request depends on the answers) stops the
// command, which then exits 2 naming it. A recording writes its cassettes when the command ends.

export interface CassetteOption {
  readonly mode: 'record' | 'replay';
  readonly dir: string;
}

export interface CassetteSetup {
  readonly providers: Map<string, Provider>;
  /** The command's stop signal, also fired by a replay's first missing call. */
  readonly stopSignal: AbortSignal;
  /** Recording: write the cassettes. Replay: throw the InputError (exit 2) of the calls found missing, if any. */
  finish(): void;
}

/** The models of an eval that call something (a replay: model reads a dataset field: never recorded). */
const calling = (p: PreparedEval) => [...p.spec.models, ...p.spec.judges].filter((m) => !providerDefinition(m.provider).replay);

const SHOWN = 10;

function missesError(opt: CassetteOption, misses: readonly Miss[], total = misses.length): InputError {
  const files = [...new Set(misses.map((m) => m.file))];
  const calls = [...new Set(misses.map((m) => m.call))];
  return new InputError('cassette.miss', `--replay ${opt.dir}: ${total} call(s) not in the cassette (${files.join(', ')}); record it again with --record ${opt.dir}`,
    [...calls.slice(0, SHOWN).map((c) => `no entry for ${c}`), ...(total > SHOWN ? [`… and ${total - SHOWN} more`] : [])]);
}

/** Before any call: every item left to run must have its entry. */
function checkItems(job: Job, tape: Cassette, opt: CassetteOption): void {
  const { spec } = job.prepared;
  const models = new Map(calling(job.prepared).map((m) => [m.id, m] as const));
  const misses: Miss[] = [];
  let total = 0;
  for (const item of workLeft(job.prepared, job.resume, job.shard).items) {
    const model = models.get(item.modelId);
    if (model === undefined) continue;
    const call = { model, sampleId: item.sample.id, epoch: item.epoch };
    if (tape.get(cassetteKey(call, buildRequest(spec, model, item.sample))) !== undefined) continue;
    total += 1;
    if (misses.length < SHOWN) misses.push({ call: describeCall({ ...call, model: model.id }), file: tape.file });
  }
  if (total > 0) throw missesError(opt, misses, total);
}

export function cassetteSetup(opt: CassetteOption, jobs: readonly Job[], env: Env, stopSignal: AbortSignal): CassetteSetup {
  // A resumed run keeps its --batch: a Message Batch is not a call a cassette can hold.
  const batched = jobs.filter((j) => j.batch !== undefined).map((j) => `--${opt.mode}: ${j.shownDir} runs through the Message Batches API, which a cassette cannot hold`);
  if (batched.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', batched);
  const tapes = new Map<string, Cassette>();
  const tapeOf = (p: PreparedEval) => {
    let t = tapes.get(p.spec.id);
    if (t === undefined) tapes.set(p.spec.id, (t = openCassette(opt.dir, p.spec.id, opt.mode)));
    return t;
  };
  const prepared = jobs.map((j) => j.prepared);
  if (opt.mode === 'record') {
    const providers = createProviders(prepared, env);
    for (const p of prepared) {
      for (const m of calling(p)) {
        const key = providerKey(p.spec, m.id);
        const inner = providers.get(key);
        if (inner !== undefined) providers.set(key, recordingProvider(inner, m, tapeOf(p)));
      }
    }
    return { providers, stopSignal, finish: () => { for (const t of tapes.values()) t.save(); } };
  }
  for (const j of jobs) checkItems(j, tapeOf(j.prepared), opt);
  const stop = new AbortController();
  const misses: Miss[] = [];
  const onMiss = (m: Miss) => { misses.push(m); stop.abort(); };
  // Only the dataset's replay: models are real providers here (they call nothing); the rest answer from the cassette.
  const providers = createProviders(prepared.map((p) => ({ ...p, spec: { ...p.spec, models: p.spec.models.filter((m) => providerDefinition(m.provider).replay), judges: [] } })), env);
  for (const p of prepared) {
    for (const m of calling(p)) providers.set(providerKey(p.spec, m.id), replayingProvider(m, tapeOf(p), onMiss));
  }
  return {
    providers,
    stopSignal: AbortSignal.any([stopSignal, stop.signal]),
    finish: () => { if (misses.length > 0) throw missesError(opt, misses); },
  };
}
