'use strict';
// `haikubench view`: the run history served on 127.0.0.1. The runs of each eval, a metric's trend per
// model with its interval, any run opened in the report view, two runs compared, flaky samples.

function api(path) { return fetch(path).then(function (r) { if (!r.ok) throw new Error(path + ': HTTP ' + r.status); return r.json(); }); }

function Flaky(props) {
  var st = useState(null), got = st[0], set = st[1];
  useEffect(function () { set(null); api('/api/flaky?eval=' + encodeURIComponent(props.evalId)).then(set, function (e) { set({ error: e.message }); }); }, [props.evalId]);
  if (got === null) return html`<p class="loading">Reading the records of every run…</p>`;
  if (got.error) return html`<p class="warn">${got.error}</p>`;
  if (got.samples.length === 0) return html`<p class="note" id="flaky-none">No flaky sample: no verdict changed between runs at the same input (${got.runs} runs read).</p>`;
  return html`<${Table} cls="flaky" caption=${got.samples.length + ' samples whose verdict changed between runs at the same input (' + got.runs + ' runs read)'} head=${['sample', 'model', 'passed', 'failed', 'verdicts, oldest first']}
    rows=${got.samples.slice(0, 500).map(function (f) { return [f.sampleId, f.model, f.passed, f.failed, f.verdicts.map(function (v) { return v ? '✓' : '✗'; }).join(' ')]; })}/>`;
}

function EvalHistory(props) {
  var ev = props.ev;
  var sel = useState([]), picked = sel[0], setPicked = sel[1];
  var models = Array.from(new Set(ev.runs.flatMap(function (r) { return r.models.map(function (m) { return m.model; }); })));
  var series = useMemo(function () {
    return models.map(function (m) {
      return { label: m, points: ev.runs.flatMap(function (r) { var x = r.models.find(function (y) { return y.model === m; }); return x && x.passRate !== null ? [{ t: Date.parse(r.startedAt) / 1000, v: x.passRate, lo: x.ci ? x.ci[0] : null, hi: x.ci ? x.ci[1] : null }] : []; }) };
    });
  }, [ev]);
  function toggle(id) { setPicked(function (p) { return p.indexOf(id) >= 0 ? p.filter(function (x) { return x !== id; }) : p.concat([id]).slice(-2); }); }
  return html`<section class="eval-history" id=${'eval-' + ev.id}>
    <h2>${ev.id}</h2>
    <${Trend} series=${series} caption=${'Pass rate per model over time, with its interval as a band (' + ev.runs.length + ' runs)'}/>
    <${Table} cls="runs" head=${['run', 'started', 'verdict', 'models: pass rate [interval]', 'open', 'compare']} rows=${ev.runs.slice().reverse().map(function (r) {
      return [r.runId, r.startedAt.replace('T', ' ').slice(0, 19), html`<span class=${'verdict-' + r.verdict}>${VERDICT_TEXT[r.verdict] || r.verdict}</span>${r.simulated ? html` <${SimTag} on=${true}/>` : null}`,
        r.models.map(function (m) { return m.model.replace(/^[a-z]+:/, '') + ' ' + pct(m.passRate) + ' ' + interval(m.ci); }).join('; '),
        html`<a href=${'/run/' + encodeURIComponent(r.id)} title=${r.id}>report</a>`,
        html`<label><input type="checkbox" checked=${picked.indexOf(r.id) >= 0} onChange=${function () { toggle(r.id); }} aria-label=${'pick ' + r.runId + ' to compare'}/> pick</label>`];
    })}/>
    ${picked.length === 2 ? html`<p><a class="button" id="compare-link" href=${'/compare/' + encodeURIComponent(picked[0]) + '/' + encodeURIComponent(picked[1])}>Compare ${picked[0]} against ${picked[1]}</a></p>` : html`<p class="note">Pick two runs to compare them (the first picked is shown against the second as its baseline).</p>`}
    <h3>Flaky samples</h3><${Flaky} evalId=${ev.id}/>
  </section>`;
}

function Viewer() {
  var st = useState(null), got = st[0], set = st[1];
  useEffect(function () { api('/api/runs').then(set, function (e) { set({ error: e.message }); }); }, []);
  if (got === null) return html`<p class="loading">Loading the runs…</p>`;
  if (got.error) return html`<p class="warn">${got.error}</p>`;
  return html`<main class="viewer"><header class="headline"><div><h1>haikubench runs</h1><p class="facts">${got.root} · ${got.evals.length} evals · ${got.evals.reduce(function (n, e) { return n + e.runs.length; }, 0)} runs</p></div></header>
    <nav aria-label="Evals"><ul class="evals">${got.evals.map(function (e) { return html`<li><a href=${'#eval-' + e.id}>${e.id}</a> (${e.runs.length})</li>`; })}</ul></nav>
    ${got.evals.length === 0 ? html`<p class="note">No finished run under ${got.root}.</p>` : got.evals.map(function (e) { return html`<${EvalHistory} key=${e.id} ev=${e}/>`; })}
  </main>`;
}
