// Public surface of the judge core (issue 5): prompt construction, verdict parsing, reduction of
// repeated samples, pairwise order combination and calibration against human labels. Pure: the
// model-graded scorers call a provider with what buildJudgePrompt returns and parse with parseVerdict.
export { JUDGE_PROMPT_VERSION, buildJudgePrompt, deriveNonce, judgePromptVersion } from './prompt.js';
export { parseVerdict } from './parse.js';
export { reduceScores, reduceVerdicts, reduceWinners, scoreSelfAgreement, winnerSelfAgreement } from './reduce.js';
export type { ReduceMethod, ReducedScore, ReducedVerdict, ReducedWinner } from './reduce.js';
export { resolvePair, summarizePairwise } from './pairwise.js';
export type { PairOutcome, PairwiseItem, PairwiseSummary, Rate, ResolvedPair } from './pairwise.js';
export { calibrate, meetsMinimum } from './calibration.js';
export type {
  AgreementTable,
  CalibrationInput,
  CalibrationMinimum,
  CalibrationReport,
  MinimumCheck,
  PreferenceCalibration,
  PreferenceLabel,
  ScoreCalibration,
  ScoreLabel,
} from './calibration.js';
export { checkScale, offScale, scaleCategories } from './scale.js';
export { WINNERS } from '../types/judge-task.js';
export type { Criterion, JudgeKind, JudgePrompt, JudgeTask, Scale, Verdict, VerdictResult, VerdictShape, Winner } from '../types/judge-task.js';
