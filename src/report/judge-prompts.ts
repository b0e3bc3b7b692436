import type { EvalSpec } from '../spec/types.js';
import { GRADED_PAIRWISE_VERSION, JUDGE_PROMPT_VERSION, judgePromptVersion, judgeSystemPrompt } from '../judge/prompt.js';
import type { JudgeKind } from '../types/judge-task.js';
import { writeJudgePromptsFile } from '../run-log/index.js';

// judge-prompts.json in the run directory (issue 5): the version and the system prompt of every judge
// kind the spec's model-graded scorers use, so a run's verdicts can be traced to the exact wording
// that produced them. The version is also in every judged record and in the response cache's key.

const KINDS: readonly JudgeKind[] = ['rubric', 'reference', 'criteria', 'pairwise'];

/** The file's content, or null when the spec has no model-graded scorer. */
export function judgePrompts(spec: Pick<EvalSpec, 'scorers'>): object | null {
  const used = KINDS.filter((k) => spec.scorers.some((s) => s.type === k));
  if (used.length === 0) return null;
  // A pairwise scorer with scale: graded asks with its own prompt version (same system prompt).
  const graded = spec.scorers.some((s) => s.type === 'pairwise' && s.options['scale'] === 'graded');
  return {
    version: JUDGE_PROMPT_VERSION,
    prompts: {
      ...Object.fromEntries(used.map((k) => [k, { version: judgePromptVersion(k), system: judgeSystemPrompt(k) }])),
      ...(graded && { 'pairwise-graded': { version: GRADED_PAIRWISE_VERSION, system: judgeSystemPrompt('pairwise') } }),
    },
    user: 'Per item: the task, then the input, the output(s) and the reference in data blocks whose tags carry a per-item code; see src/judge/prompt.ts.',
  };
}

/** Write judge-prompts.json when the spec has model-graded scorers. */
export function writeJudgePrompts(runDir: string, spec: Pick<EvalSpec, 'scorers'>): void {
  const content = judgePrompts(spec);
  if (content !== null) writeJudgePromptsFile(runDir, content);
}
