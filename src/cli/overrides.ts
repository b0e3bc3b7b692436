import { InputError } from '../errors.js';
import type { SpecOverrides } from '../spec/resolve.js';
import type { Env } from '../providers/create.js';
import { idForms, MODEL_ID_PATTERN } from '../providers/registry.js';
import type { OverrideArgs } from './options.js';
import { isTransport, TRANSPORTS } from '../providers/transport.js';

const nonEmptyEnv = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());

const MODEL_ID = new RegExp(MODEL_ID_PATTERN);

function positiveInt(name: string, v: number | undefined, issues: string[]): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 1) issues.push(`--${name}: must be a whole number >= 1 (got ${String(v)})`);
  return v;
}

/** Flags → spec overrides, checked before anything is loaded. Throws InputError (exit 2). */
export function overridesFromArgs(args: OverrideArgs, env: Env): { overrides: SpecOverrides; simulated: boolean; why?: string } {
  const issues: string[] = [];
  for (const m of args.model ?? []) if (!MODEL_ID.test(m)) issues.push(`--model ${m}: must be ${idForms()}`);
  const limit = positiveInt('limit', args.limit, issues);
  const epochs = positiveInt('epochs', args.epochs, issues);
  const concurrency = positiveInt('concurrency', args.concurrency, issues);
  if (args['grace-ms'] !== undefined && (!Number.isFinite(args['grace-ms']) || args['grace-ms'] < 0)) issues.push(`--grace-ms: must be a number of milliseconds >= 0 (got ${String(args['grace-ms'])})`);
  if (args.confidence !== undefined && !(args.confidence > 0.5 && args.confidence < 1)) issues.push(`--confidence: a confidence level between 0.5 and 1, e.g. 0.9 (got ${String(args.confidence)})`);
  const connectionRetryMs = args['connection-retry-ms'];
  if (connectionRetryMs !== undefined && !(Number.isInteger(connectionRetryMs) && connectionRetryMs >= 0)) issues.push(`--connection-retry-ms: must be a whole number of milliseconds >= 0 (got ${String(connectionRetryMs)})`);
  const transport = args.transport ?? nonEmptyEnv(env['HAIKUBENCH_TRANSPORT']);
  if (transport !== undefined && !isTransport(transport)) issues.push(`${args.transport === undefined ? 'HAIKUBENCH_TRANSPORT' : '--transport'}: must be one of ${TRANSPORTS.join(', ')} (got ${transport})`);
  if (args.seed !== undefined && !Number.isInteger(args.seed)) issues.push(`--seed: must be a whole number (got ${String(args.seed)})`);
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
  const noKey = (env['ANTHROPIC_API_KEY'] ?? '').trim() === '';
  const simulate = args.simulate === 'always' || (args.simulate === 'auto' && noKey);
  const why = args.simulate === 'always' ? '--simulate always' : simulate ? 'ANTHROPIC_API_KEY is not set (--simulate auto)' : undefined;
  return {
    overrides: {
      ...(args.model !== undefined && args.model.length > 0 && { models: args.model }),
      ...(limit !== undefined && { limit }),
      ...(epochs !== undefined && { epochs }),
      ...(concurrency !== undefined && { concurrency }),
      ...(args.seed !== undefined && { seed: args.seed }),
      ...(args.confidence !== undefined && { confidence: args.confidence }),
      ...(connectionRetryMs !== undefined && { connectionRetryMs }),
      ...(transport !== undefined && isTransport(transport) && { transport }),
      simulate,
    },
    simulated: simulate,
    ...(why !== undefined && { why }),
  };
}
