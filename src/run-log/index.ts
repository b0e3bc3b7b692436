// The run directory (reports/<runId> or run --out), and the one module that knows its files' format:
//
//   run.lock            the pid of the process using the directory (lockRunDir); one process at a time
//   run.json            how the plan was made (RunInfo), written when a run starts; a resume reads it
//   records.jsonl       one RunRecord per line, appended as items finish (openRunLog().append), each
//                       line in the file before the item is reported; read back only through
//                       recordLines / readRecords / latestPerItem (one torn-last-line rule, one
//                       validator, one "latest record per item" rule)
//   summary.json        written once at the end, atomically (openRunLog().writeSummary); readSummary
//   batches.jsonl       run --batch: the Message Batches created and collected (batchLog, readBatchLog)
//   judge-prompts.json  the judges' prompts of a model-graded run (writeJudgePromptsFile)
//   inputs.jsonl        each item's input (the request as sent, the expected answer), once per distinct
//                       content, long strings once (openInputLog, readInputs); records refer to it by inputHash
//
// Writers: the run (eval/run-eval) and merge (eval/merge), each holding the lock. Everything else
// (compare, route, calibrate, baselines, JUnit, a resume's first read) only reads, through this module.

export { RECORDS_FILE, SUMMARY_FILE, RUN_INFO_FILE, JUDGE_PROMPTS_FILE, BATCH_LOG, recordsPath, hasRecords, recordsSize, isFinishedRun, holdsRun, copyRun } from './files.js';
export { jsonLines, jsonLinesSync, type JsonLine, type JsonLinesEnd, type JsonLinesOptions, type Corrupt } from './json-lines.js';
export { itemKey, isRunRecord, recordLines, recordLinesSync, readRecords, latestPerItem, latestKept, openRecordReader, type RecordAt, type RecordReader, type RecordsOptions } from './records.js';
export { openRunLog, writeJudgePromptsFile, type RunLog } from './writer.js';
export { writeRunInfo, readRunInfo, peekRunInfo, type RunInfo } from './run-info.js';
export { readSummary, readRouteAnalysis } from './summary.js';
export { lockRunDir, lockHolder } from './lock.js';
export { cleanRuns, type CleanOptions, type CleanOutcome, type CleanedRun } from './clean.js';
export { loadRunState, type RunState } from './resume.js';
export { batchLog, readBatchLog, type BatchEntry, type BatchLog, type BatchLogState } from './batch-log.js';
export { INPUTS_FILE, openInputLog, readInputs, copyInputs, type RunInputLog } from './inputs.js';
