'use strict';
// The headline: verdict, gates, the models with their intervals, cost and latency, quality–cost.

function Headline(props) {
  var s = props.summary;
  return html`<header class=${'headline v-' + s.verdict}>
    <p class="verdict" id="verdict">${VERDICT_TEXT[s.verdict] || s.verdict}</p>
    <div><h1>${s.eval.id}</h1>
      ${s.eval.description ? html`<p class="desc">${s.eval.description}</p>` : null}
      <p class="facts">${s.status === 'completed' ? 'completed' : 'aborted (' + (s.stoppedBy || 'stopped') + ')'} · ${num(s.items.finished)} of ${num(s.items.planned)} items · ${num(s.items.errors)} errors · ${s.startedAt.replace('T', ' ').slice(0, 19)} UTC · run ${s.runId}
        ${s.simulated ? html` · <${SimTag} on=${true}/> models and prices` : null}</p>
      ${s.stopMessage ? html`<p class="warn">${s.stopMessage}</p>` : null}
    </div>
  </header>`;
}

function Gates(props) {
  var s = props.summary;
  var rows = s.gates.map(function (g) { return [g.model, g.skipped ? 'skipped' : html`<${Pass} value=${g.pass}/>`, g.reason]; });
  (s.baseline ? s.baseline.gates : []).forEach(function (g) { rows.push([g.model + ' vs baseline', html`<${Pass} value=${g.pass}/>`, g.gate + ': ' + g.reason]); });
  if (s.baseline && s.baseline.problem) rows.push(['baseline', html`<${Pass} value=${false}/>`, s.baseline.problem]);
  if (rows.length === 0) return html`<section><h2>Gates</h2><p class="note">The spec declares no gate: the verdict is pass when the run completed.</p></section>`;
  return html`<section><h2>Gates</h2><${Table} cls="gates" head=${['gate', 'result', 'why']} rows=${rows}/></section>`;
}

function perItem(m) { return m.costUsd === null || m.n + m.errors === 0 ? null : m.costUsd / (m.n + m.errors); }

function Models(props) {
  var s = props.summary;
  var rows = s.models.map(function (m) {
    var kinds = Object.keys(m.errorsByKind || {}).map(function (k) { return k + ' ' + m.errorsByKind[k]; }).join(', ');
    return [html`<span>${m.label || m.model}</span> <${SimTag} on=${m.simulated}/>`, num(m.n), num(m.passed), num(m.failed),
      m.errors > 0 ? num(m.errors) + ' (' + kinds + ')' : '0',
      html`<strong>${pct(m.passRate)}</strong>`, html`<span class="ci">${interval(m.ci || m.ci95)}</span>`,
      m.meanScore === null ? '—' : m.meanScore.toFixed(3),
      html`${usd(m.costUsd)}${m.simulated ? ' (sim)' : ''}`, usd(perItem(m)),
      msText(m.latencyMs.p50) + ' / ' + msText(m.latencyMs.p95), num(m.tokens.input) + ' / ' + num(m.tokens.output)];
  });
  var conf = Math.round((s.options.confidence || 0.95) * 100);
  return html`<section><h2>Models</h2><${Table} cls="models" head=${['model', 'n', 'passed', 'failed', 'errors', 'pass rate', conf + '% interval', 'mean score', 'cost', 'per item', 'latency p50 / p95', 'tokens in / out']} rows=${rows}/>
    ${s.comparisons.length > 0 ? html`<${Table} caption="Each model against the first, paired on the same samples" head=${['model', 'vs', 'n', 'difference', conf + '% interval', 'test', 'p', 'worse / better samples']}
      rows=${s.comparisons.map(function (c) { return [c.model, c.reference, num(c.n) + (c.clusters ? ' (' + num(c.clusters) + ' clusters)' : ''), c.diff === null ? '—' : (c.diff >= 0 ? '+' : '') + (c.diff * 100).toFixed(1) + ' pts', interval(c.ci), c.test.name, c.test.p === null ? '—' : c.test.p.toPrecision(3), c.regressed + ' / ' + c.improved]; })}/>` : null}
  </section>`;
}

function Overview(props) {
  var run = props.run, s = run.summary;
  var points = s.models.map(function (m) { return { label: m.label || m.model, q: m.passRate, ci: m.ci || m.ci95, cost: perItem(m) }; });
  var front = run.route ? run.route.map(function (p) { return { label: p.label, q: p.quality, cost: p.costPerItem }; }) : [];
  var caption = run.route ? 'Pass rate against cost per item, with each model\'s interval. Small dots: the routing policies of the run\'s routing analysis (route/route.json, in-sample figures); the dashed line joins those no other policy beats on both quality and cost (the front).'
    : points.length === 2 ? 'Pass rate against cost per item. Run with --route for the routing analysis and its front.' : 'Pass rate against cost per item.';
  return html`<div>
    <${Gates} summary=${s}/>
    <${Models} summary=${s}/>
    <section><h2>Quality and cost</h2><${QualityCost} points=${points} front=${front} caption=${caption}/>
      ${front.length > 0 ? html`<details><summary>The routing policies (${front.length})</summary><${Table} head=${['policy', 'pass rate', 'cost per item', 'on the front']}
        rows=${front.map(function (p) { var on = paretoFront(front).indexOf(p) >= 0; return [p.label, pct(p.q), usd(p.cost), on ? 'yes' : '']; })}/></details>` : null}</section>
  </div>`;
}
