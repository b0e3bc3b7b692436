'use strict';
// The report page: the run picker, the tabs (overview, samples, segments and comparisons) and the
// sample view. The list rows of a run are decompressed when the page loads; details and inputs only
// when a sample is opened or a search needs them. window.hbReady is set (performance.now()) when the
// sample list is first usable (bench/html-report.ts reads it).

var TABS = [['overview', 'Overview'], ['samples', 'Samples'], ['more', 'Segments and comparisons']];
var EMPTY_FILTER = { status: '', scorer: '', field: '', value: '', search: '', sort: '' };

function Tabs(props) {
  function onKey(e) {
    var i = TABS.findIndex(function (t) { return t[0] === props.tab; });
    var to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : -99;
    if (to === -99) return;
    var t = TABS[(to + TABS.length) % TABS.length][0];
    props.setTab(t);
    var el = document.getElementById('tab-' + t); if (el) el.focus();
  }
  return html`<nav class="tabs" role="tablist" aria-label="Report views" onKeyDown=${onKey}>${TABS.map(function (t) {
    var on = t[0] === props.tab;
    return html`<button role="tab" id=${'tab-' + t[0]} aria-selected=${on} aria-controls=${'panel-' + t[0]} tabindex=${on ? 0 : -1} onClick=${function () { props.setTab(t[0]); }}>${t[1]}</button>`;
  })}</nav>`;
}

function RunReport(props) {
  var run = props.run;
  var st = useState(null), idx = st[0], setIdx = st[1];
  var fs = useState(EMPTY_FILTER), filter = fs[0], setFilter = fs[1];
  var os = useState(-1), open = os[0], setOpen = os[1];
  var seen = useState({}), visited = seen[0], setVisited = seen[1];
  useEffect(function () { setIdx(null); setOpen(-1); setFilter(EMPTY_FILTER); chunk(run.rows).then(function (rows) { setIdx(indexRun(rows)); }); }, [run]);
  useEffect(function () { if (!visited[props.tab]) setVisited(Object.assign({}, visited, (function () { var o = {}; o[props.tab] = true; return o; })())); }, [props.tab]);
  useEffect(function () { if (idx !== null && props.tab === 'samples' && window.hbReady === undefined) requestAnimationFrame(function () { window.hbReady = performance.now(); document.body.dataset.ready = 'samples'; }); }, [idx, props.tab]);
  var show = function (f) { setFilter(Object.assign({}, EMPTY_FILTER, f)); props.setTab('samples'); };
  var closeSample = function () { var s = open; setOpen(-1); setTimeout(function () { var el = document.querySelector('.vlist'); if (el && s >= 0) el.focus(); }, 0); };
  return html`<div>
    <${Headline} summary=${run.summary}/>
    <${Tabs} tab=${props.tab} setTab=${props.setTab}/>
    <div role="tabpanel" id="panel-overview" aria-labelledby="tab-overview" hidden=${props.tab !== 'overview'} class="panel"><${Overview} run=${run}/></div>
    <div role="tabpanel" id="panel-samples" aria-labelledby="tab-samples" hidden=${props.tab !== 'samples'} class="panel panel-samples">
      ${idx === null ? html`<p class="loading">Reading ${num(run.records)} records…</p>` : visited.samples || props.tab === 'samples' ? html`<${Explorer} idx=${idx} run=${run} filter=${filter} setFilter=${setFilter} onOpen=${setOpen}/>` : null}
    </div>
    <div role="tabpanel" id="panel-more" aria-labelledby="tab-more" hidden=${props.tab !== 'more'} class="panel">
      <${Segments} summary=${run.summary} onSegment=${function (field, value) { show({ field: field, value: String(value) }); }}/>
      <${Confusion} summary=${run.summary}/>
      ${idx !== null ? html`<${Baseline} run=${run} idx=${idx} onFlipped=${function () { show({ status: 'flipped' }); }}/>` : null}
      <${Judges} summary=${run.summary}/>
    </div>
    ${open >= 0 && idx !== null ? html`<${SampleView} idx=${idx} run=${run} sample=${open} onClose=${closeSample}/>` : null}
  </div>`;
}

function Report() {
  var rs = useState(0), at = rs[0], setAt = rs[1];
  var initial = (location.hash || '#overview').slice(1);
  var ts = useState(TABS.some(function (t) { return t[0] === initial; }) ? initial : 'overview'), tab = ts[0], setTab = ts[1];
  var setTabAndHash = function (t) { setTab(t); history.replaceState(null, '', '#' + t); };
  var runs = META.runs;
  if (runs.length === 0) return html`<p class="warn">No runs in this report.</p>`;
  return html`<main>
    ${runs.length > 1 ? html`<label class="run-pick">Run <select id="run-pick" value=${String(at)} onChange=${function (e) { setAt(Number(e.target.value)); }}>
      ${runs.map(function (r, i) { return html`<option value=${String(i)}>${r.summary.eval.id} · ${VERDICT_TEXT[r.summary.verdict]} · ${r.summary.runId}</option>`; })}</select></label>` : null}
    <${RunReport} run=${runs[at]} tab=${tab} setTab=${setTabAndHash}/>
    <footer class="foot">haikubench ${META.version} · report written ${META.generatedAt.replace('T', ' ').slice(0, 19)} UTC · one file, nothing loaded from the network</footer>
  </main>`;
}

document.getElementById('app').textContent = '';
if (typeof DecompressionStream === 'undefined') {
  document.getElementById('app').textContent = 'This browser cannot read the report: it lacks DecompressionStream (Chromium 80+, Firefox 113+, Safari 16.4+ have it).';
} else preact.render(META.mode === 'viewer' ? h(Viewer, null) : h(Report, null), document.getElementById('app'));
