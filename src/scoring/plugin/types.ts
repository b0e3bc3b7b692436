import type { ChatMessage, Json, Scorer } from '../../types.js';
import type { ScorerSpec } from '../create.js';
import type { OptionsSchema } from '../types.js';
import type { OptionIssue } from '../model-graded/types.js';

/** What the checks before a run may read of the environment: PATH, to find an exec: command. */
export interface PluginCheckEnv {
  /** PATH as the CLI read it; undefined: a bare command name is not looked up (it is at run time). */
  readonly path: string | undefined;
}

/**
 * A scorer whose check is the user's code: a module (in worker threads), a command (one process per
 * answer) or an inline expression (node:vm). Its options are the spec's; it builds its own Scorer.
 */
export interface PluginScorerDefinition {
  readonly type: string;
  readonly description: string;
  readonly options: OptionsSchema;
  readonly needsExpected: false;
  /** Problems the spec check finds without running anything (a missing file, an expression that does not compile). */
  checkSync(spec: ScorerSpec): readonly OptionIssue[];
  /** Problems found by loading the plug-in before any call (a module without the expected export, a command not on PATH). */
  check(spec: ScorerSpec, env: PluginCheckEnv): Promise<readonly OptionIssue[]>;
  create(spec: ScorerSpec, prompt: readonly ChatMessage[]): Scorer;
}

/** The options every plug-in scorer takes (its own are added by each definition). */
export const pluginCommonOptions: Readonly<Record<string, Json>> = {
  options: { type: 'object', description: 'Passed to the plug-in as input.options (any JSON object).' },
  threshold: { type: 'number', minimum: 0, maximum: 1, description: 'When the plug-in returns a score without pass: the answer passes at or above it (default 0.5).' },
};

export const DEFAULT_THRESHOLD = 0.5;
