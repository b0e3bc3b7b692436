'use strict';
// Segments, confusion matrices, the baseline comparison and the judges, from summary.json.

function Segments(props) {
  var s = props.summary;
  if (s.segments.length === 0) return html`<section><h2>Segments</h2><p class="note">No metadata fields (dataset.fields.metadata): no segments.</p></section>`;
  var models = s.models.map(function (m) { return m.model; });
  return html`<section><h2>Segments</h2>${s.segments.map(function (f) {
    return html`<${Table} caption=${'by ' + f.field + ' (' + f.values + ' values)'} head=${['value', 'samples'].concat(models.map(function (m) { return m.replace(/^[a-z]+:/, ''); }))}
      rows=${f.segments.map(function (g) {
        return [html`<button class="link" onClick=${function () { props.onSegment(f.field, g.value); }} title="Show these samples">${g.value}</button>`, num(g.samples)].concat(models.map(function (m) {
          var x = g.models.find(function (y) { return y.model === m; });
          return x ? html`${pct(x.passRate)} <span class="ci">${interval(x.ci)}</span>` : '—';
        }));
      })}/>`;
  })}</section>`;
}

function Confusion(props) {
  var blocks = [];
  props.summary.models.forEach(function (m) {
    (m.classification || []).forEach(function (c) {
      var mx = c.report && c.report.matrix; if (!mx) return;
      var max = Math.max.apply(null, mx.counts.flat().concat([1]));
      blocks.push(html`<div class="table-wrap"><table class="matrix"><caption>${m.model} · ${c.scorer}: accuracy ${pct(c.report.accuracy)} ${interval(c.report.ci)} (rows: expected, columns: named)</caption>
        <thead><tr><th scope="col">expected \\ named</th>${mx.columns.map(function (x) { return html`<th scope="col">${x}</th>`; })}</tr></thead>
        <tbody>${mx.classes.map(function (cl, i) { return html`<tr><th scope="row">${cl}</th>${mx.counts[i].map(function (n, j) {
          return html`<td class=${i === j ? 'diag' : n > 0 ? 'off' : ''} style=${{ '--a': (n / max).toFixed(2) }}>${n}</td>`; })}</tr>`; })}</tbody></table></div>`);
    });
  });
  return blocks.length === 0 ? null : html`<section><h2>Confusion matrices</h2>${blocks}</section>`;
}

function Baseline(props) {
  var run = props.run, idx = props.idx, s = run.summary;
  if (!run.baselineDir) return html`<section><h2>Baseline</h2><p class="note">No baseline: run with --baseline DIR, or give one to haikubench report --baseline DIR, to see the samples that flipped.</p></section>`;
  var down = 0, up = 0; for (var i = 0; i < idx.flags.length; i++) { if (idx.flags[i] & 4) down++; if (idx.flags[i] & 8) up++; }
  return html`<section><h2>Baseline</h2><p>Compared with <code>${run.baselineDir}</code>: <strong>${num(down)}</strong> samples passed in the baseline and fail now,
    <strong>${num(up)}</strong> failed there and pass now. <button class="link" onClick=${props.onFlipped}>Show the flipped samples</button></p>
    ${s.baseline && s.baseline.gates.length > 0 ? html`<${Table} head=${['model', 'gate', 'result', 'why']} rows=${s.baseline.gates.map(function (g) { return [g.model, g.gate, html`<${Pass} value=${g.pass}/>`, g.reason]; })}/>` : null}</section>`;
}

function Judges(props) {
  var s = props.summary, cal = s.judgeCalibration;
  var totals = s.models.filter(function (m) { return m.judge; });
  if (!cal && totals.length === 0) return null;
  var entries = Array.isArray(cal) ? cal : [];
  return html`<section><h2>Judges</h2>
    ${totals.length > 0 ? html`<${Table} caption="Judge calls per model judged" head=${['model', 'judges', 'calls', 'answers', 'errors', 'cost']} rows=${totals.map(function (m) { return [m.model, (m.judge.models || []).join(', '), num(m.judge.calls), num(m.judge.answers), num(m.judge.errors), usd(m.judge.costUsd)]; })}/>` : null}
    ${entries.length > 0 ? html`<${Table} caption="Calibration against human labels" head=${['scorer', 'model', 'labelled', 'accuracy', 'kappa', 'met', 'why']}
      rows=${entries.map(function (e) { return [e.scorer + (e.criterion ? ' / ' + e.criterion : ''), e.model, num(e.accuracy.n), pct(e.accuracy.rate) + ' ' + interval(e.accuracy.ci95), e.kappa.value === null ? '— (' + (e.kappa.undefinedBecause || 'undefined') + ')' : e.kappa.value.toFixed(3) + ' ' + e.kappa.weighting, e.met === 'insufficient' ? 'insufficient' : html`<${Pass} value=${e.met}/>`, e.reason]; })}/>` : null}
  </section>`;
}
