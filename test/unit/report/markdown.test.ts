import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { renderMarkdown, renderMarkdownReport } from '../../../src/report/render/markdown.js';
import { mdCode, mdTable } from '../../../src/report/render/markdown-text.js';
import { verdictOf } from '../../../src/report/render/verdict.js';
import { gpt, simHaiku, summaryOf } from './ci-fixtures.js';

// The Markdown for pull-request comments, rendered by a real renderer (markdown-it, raw HTML enabled so
// that anything unescaped would show as HTML).

const md = new MarkdownIt({ html: true });

const tables = (html: string) => [...html.matchAll(/<table>[\s\S]*?<\/table>/g)].map((m) => m[0]);
const rowsOf = (table: string) => table.match(/<tr>/g)?.length ?? 0;

describe('renderMarkdown', () => {
  const text = renderMarkdown(summaryOf(), { runDir: 'reports/run-1' });
  const html = md.render(text);

  it('reads, in full, like this', () => {
    expect(text).toMatchInlineSnapshot(`
      "## ❌ FAILED: support-routing \\[SIMULATED\\]

      **FAILED** — quality gate failed (anthropic:claude-haiku-5-5 \\[SIMULATED\\]: pass rate 66.7% &lt; 90.0%).

      > [!WARNING]
      > **SIMULATED — not real model results.** Models marked \\[SIMULATED\\] are haikubench's built-in simulator (\`sim:\`): their outputs, quality, latency and cost are settings, not measurements. Set \`ANTHROPIC_API_KEY\` to run the real models.

      | Model | Scored | Pass rate | 95% CI | Mean score ± SE (CI) | Errors | Cost / spent (a simulated model pays nothing) | Latency p50 / p95 |
      | --- | ---: | ---: | --- | ---: | --- | ---: | ---: |
      | anthropic:claude-haiku-5-5 \\[SIMULATED\\] | 3 | **66.7%** (2/3) | 20.8% – 93.9% | 0.667 ± 0.333 | **1** (timeout 1) | $0.0042 (simulated) / nothing paid | 550 ms / 955 ms |
      | GPT \\| X \\\`&lt;b&gt;\\\` | 4 | **75.0%** (3/4) | 30.1% – 95.4% | 0.750 ± 0.250 | 0 | unknown / unknown | 12.3 s / 20.0 s |

      ### Gates

      | Gate (model) | Minimum | Pass rate | Result | Detail |
      | --- | ---: | ---: | --- | --- |
      | anthropic:claude-haiku-5-5 \\[SIMULATED\\] | ≥ 90.0% | 66.7% | ❌ **FAIL** | pass rate 66.7% &lt; 90.0% |
      | GPT \\| X \\\`&lt;b&gt;\\\` | ≥ 50.0% | 75.0% | ✅ PASS | pass rate 75.0% &gt;= 50.0% |
      | anthropic:claude-opus-5-5 | ≥ 90.0% | — | ⏭️ SKIPPED | model not in this run; gate not applied |

      <details><summary>Notes</summary>

      - GPT \\| X \\\`&lt;b&gt;\\\`: 1 output(s) cut off at the max\\_tokens limit
      - GPT \\| X \\\`&lt;b&gt;\\\`: cost unknown (no price for this model in price table 2026-11-23; give its model entry price: {input: …, output: …} (USD per million tokens) or price: {per\\_call: …} (USD per call))
      - 95% CI: Wilson score interval.
      - mean score: ± SE over samples.
      - 1 item(s) ended in error: counted apart, never as failures (records.jsonl, status "error").

      </details>

      _run \`run-1\` · 8/8 items · 4 samples × 2 model(s) × 1 epoch(s) · pass rule \`all\` · haikubench 0.1.0 · files in \`reports/run-1\`_
      "
    `);
  });

  it('starts with the verdict and its reason', () => {
    const [title, reason] = text.split('\n\n');
    expect(title).toBe('## ❌ FAILED: support-routing \\[SIMULATED\\]');
    expect(reason).toBe('**FAILED** — quality gate failed (anthropic:claude-haiku-5-5 \\[SIMULATED\\]: pass rate 66.7% &lt; 90.0%).');
    expect(html.startsWith('<h2>❌ FAILED: support-routing [SIMULATED]</h2>')).toBe(true);
  });

  it('warns loudly, right after the verdict, that models are simulated', () => {
    expect(text.split('\n\n')[2]).toMatch(/^> \[!WARNING\]\n> \*\*SIMULATED — not real model results\.\*\*/);
    expect(html).toMatch(/<blockquote>[\s\S]*<strong>SIMULATED — not real model results\.<\/strong>/);
    expect(renderMarkdown(summaryOf({ simulated: false, models: [gpt] }))).not.toContain('SIMULATED');
  });

  it('has the per-model table (a row per model) and the gates table, as HTML tables', () => {
    const [models, gates] = tables(html);
    expect(tables(html).length).toBe(2);
    expect(rowsOf(models ?? '')).toBe(3);
    expect(rowsOf(gates ?? '')).toBe(4);
    expect(models).toContain('<td>anthropic:claude-haiku-5-5 [SIMULATED]</td>');
    expect(models).toContain('<td style="text-align:right"><strong>66.7%</strong> (2/3)</td>');
    expect(models).toContain('<td>20.8% – 93.9%</td>');
    expect(models).toContain('0.667 ± 0.333');
    expect(models).toContain('<strong>1</strong> (timeout 1)');
    expect(models).toContain('$0.0042 (simulated) / nothing paid');
    expect(models).toContain('unknown / unknown');
    expect(models).toContain('550 ms / 955 ms');
    expect(models).toContain('12.3 s / 20.0 s');
    expect(gates).toContain('❌ <strong>FAIL</strong>');
    expect(gates).toContain('⏭️ SKIPPED');
  });

  it('a label with a pipe, backticks and HTML stays inside its cell, as text', () => {
    const [models] = tables(html);
    expect(models).toContain('<td>GPT | X `&lt;b&gt;`</td>');
    expect(html).not.toContain('<b>');
    const hostile = { ...gpt, label: 'evil | <script>alert(1)</script>\n| x | y |\n`code`' };
    const out = md.render(renderMarkdown(summaryOf({ models: [simHaiku, hostile], gates: [] })));
    expect(out).not.toMatch(/<script/);
    expect(tables(out).map(rowsOf)).toEqual([3]);
    expect(tables(out)[0]).not.toMatch(/<code>/);
    expect(tables(out)[0]).toContain('<td>evil | &lt;script&gt;alert(1)&lt;/script&gt; | x | y | `code`</td>');
    expect(tables(out)[0]?.match(/<td/g)?.length).toBe(2 * 8);
  });

  it('lists the notes a reader needs, and a footer', () => {
    expect(text).toContain('- GPT \\| X \\`&lt;b&gt;\\`: 1 output(s) cut off at the max\\_tokens limit');
    expect(text).toContain('- GPT \\| X \\`&lt;b&gt;\\`: cost unknown');
    expect(text).toContain('- 95% CI: Wilson score interval.');
    expect(text).toContain('- 1 item(s) ended in error: counted apart, never as failures');
    expect(text.trimEnd().split('\n').at(-1)).toBe('_run `run-1` · 8/8 items · 4 samples × 2 model(s) × 1 epoch(s) · pass rule `all` · haikubench 0.1.0 · files in `reports/run-1`_');
  });

  it('takes extra sections (comparison, flipped samples, …) after the gates, before the notes', () => {
    const flipped = mdTable(['sample', 'before', 'after'], [['t1', mdCode('billing', { table: true }), mdCode('sa|les', { table: true })]]);
    const out = renderMarkdown(summaryOf(), { sections: [{ title: 'Compared to baseline', body: 'No significant change.' }, { title: 'Flipped samples', body: flipped }] });
    // The notes are folded (<details>), after the sections.
    const order = ['### Gates', '### Compared to baseline', '### Flipped samples', '<summary>Notes</summary>'].map((h) => out.indexOf(h));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
    expect(tables(md.render(out)).map(rowsOf)).toEqual([3, 4, 2]);
  });
});

describe('verdicts', () => {
  it.each([
    ['pass with gates', summaryOf({ verdict: 'pass', gates: [] }), 'PASSED', 'no quality gates applied; every item finished'],
    ['pass', summaryOf({ verdict: 'pass', gates: [{ model: 'openai:gpt-x', minPassRate: 0.5, passRate: 0.75, pass: true, skipped: false, reason: 'r' }] }), 'PASSED', 'all 1 quality gate(s) passed'],
    ['interrupted', summaryOf({ verdict: 'incomplete', status: 'aborted', stoppedBy: 'interrupt', items: { planned: 8, finished: 5, errors: 0 } }), 'INCOMPLETE', 'the run was interrupted after 5/8 items; partial results'],
    ['max cost', summaryOf({ verdict: 'incomplete', status: 'aborted', stoppedBy: 'max_cost', options: { ...summaryOf().options, maxCostUsd: 0.01 } }), 'INCOMPLETE', 'stopped by --max-cost $0.010, nothing paid (simulated cost $0.0042) after 8/8 items; partial results'],
    ['circuit breaker', summaryOf({ verdict: 'incomplete', status: 'aborted', stoppedBy: 'circuit_breaker', stopMessage: 'auth: invalid key' }), 'INCOMPLETE', 'stopped by the circuit breaker after 8/8 items: auth: invalid key; partial results'],
    ['too many errors', summaryOf({ verdict: 'incomplete', options: { ...summaryOf().options, maxErrorRate: 0.1 } }), 'INCOMPLETE', 'items ended in error above the allowed 10% per model (anthropic:claude-haiku-5-5 [SIMULATED] 1/4)'],
    ['nothing finished', summaryOf({ verdict: 'incomplete', items: { planned: 8, finished: 0, errors: 0 } }), 'INCOMPLETE', 'no items finished (0/8); nothing was scored'],
  ])('%s', (_name, s, word, reason) => expect(verdictOf(s)).toEqual({ word, reason }));
});

describe('renderMarkdownReport', () => {
  it('one run is renderMarkdown', () => {
    expect(renderMarkdownReport([{ summary: summaryOf(), runDir: 'd' }])).toBe(renderMarkdown(summaryOf(), { runDir: 'd' }));
  });

  it('several runs: the worst verdict first, a line per eval, then each run a level down', () => {
    const passed = summaryOf({ eval: { id: 'math', description: null, file: 'm.yaml' }, verdict: 'pass', simulated: false, models: [gpt], gates: [] });
    const out = renderMarkdownReport([{ summary: passed }, { summary: summaryOf() }]);
    expect(out.split('\n')[0]).toBe('## ❌ FAILED: 2 evals (1 passed, 1 failed, 0 incomplete)');
    expect(out).toContain('- ✅ **math**: PASSED — no quality gates applied; every item finished');
    expect(out).toContain('### ✅ PASSED: math');
    expect(out).toContain('### ❌ FAILED: support-routing \\[SIMULATED\\]');
    expect(out).toContain('#### Gates');
    expect(out.indexOf('> [!WARNING]')).toBeLessThan(out.indexOf('- ✅ **math**'));
    expect(tables(md.render(out)).length).toBe(3);
  });

  it('no finished run is incomplete', () => {
    expect(renderMarkdownReport([])).toBe('## ⚠️ INCOMPLETE: no eval finished\n');
  });
});
