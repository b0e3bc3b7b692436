'use strict';
// The per-sample explorer: filters, search, sort and a virtualised list (@tanstack/virtual-core), so
// 100,000 records scroll as smoothly as ten.

var ROW_H = 36;

function useVirtual(count, scrollRef) {
  var force = useState(0)[1];
  var v = useMemo(function () { return new TanstackVirtual.Virtualizer(optionsFor(count)); }, []);
  function optionsFor(n) {
    return { count: n, getScrollElement: function () { return scrollRef.current; }, estimateSize: function () { return ROW_H; }, overscan: 12,
      observeElementRect: TanstackVirtual.observeElementRect, observeElementOffset: TanstackVirtual.observeElementOffset,
      scrollToFn: TanstackVirtual.elementScroll, onChange: function () { force(function (x) { return x + 1; }); } };
  }
  v.setOptions(optionsFor(count));
  useEffect(function () { return v._didMount(); }, []);
  useEffect(function () { v._willUpdate(); });
  return v;
}

function filterSamples(idx, f, haystack) {
  var n = idx.rows.samples.length, out = [];
  var want = { failed: 1, errored: 2, regressed: 4, fixed: 8, flipped: 12, passed: 16 }[f.status] || 0;
  var scorerBit = f.scorer === '' ? 0 : 1 << Number(f.scorer);
  var q = f.search.trim().toLowerCase();
  for (var s = 0; s < n; s++) {
    if (want && (idx.flags[s] & want) === 0) continue;
    if (f.status === 'passed' && (idx.flags[s] & 3) !== 0) continue;
    if (scorerBit && (idx.failedScorers[s] & scorerBit) === 0) continue;
    if (f.field !== '' && f.value !== '') {
      var m = idx.rows.metas[idx.rows.rows[idx.byRow[idx.start[s]]][R.meta]] || {};
      if (String(m[f.field]) !== f.value) continue;
    }
    if (q !== '' && haystack && haystack[s].indexOf(q) < 0) continue;
    out.push(s);
  }
  var key = { score: function (s) { return idx.minScore[s]; }, latency: function (s) { return -idx.maxLat[s]; }, cost: function (s) { return -idx.cost[s]; } }[f.sort];
  if (key) out.sort(function (a, b) { return key(a) - key(b) || a - b; });
  else if (f.sort === 'id') out.sort(function (a, b) { var x = idx.rows.samples[a], y = idx.rows.samples[b]; return x < y ? -1 : x > y ? 1 : 0; });
  return out;
}

function SampleRow(props) {
  var idx = props.idx, s = props.sample, rows = idx.rows;
  var cells = [];
  for (var k = idx.start[s]; k < idx.start[s + 1]; k++) {
    var r = rows.rows[idx.byRow[k]];
    var label = rows.models[r[R.model]].replace(/^[a-z]+:/, '') + (r[R.epoch] > 1 ? ' #' + r[R.epoch] : '');
    var cls = r[R.status] === 1 ? 'err' : r[R.pass] === 1 ? 'ok' : r[R.pass] === 0 ? 'bad' : 'none';
    var flip = r[R.flip] === 1 ? ' ↓' : r[R.flip] === 2 ? ' ↑' : '';
    var mark = { ok: '✓ ', bad: '✗ ', err: '! ', none: '· ' }[cls];
    cells.push(html`<span class=${'chip ' + cls} title=${label + ': ' + (cls === 'err' ? 'error ' + rows.kinds[r[R.kind]] : cls === 'ok' ? 'pass' : cls === 'bad' ? 'fail' : 'no verdict') + (flip ? ' (flipped against the baseline)' : '')}>${mark}${label}${flip}</span>`);
  }
  return html`<div id=${'s-' + s} role="option" aria-selected=${props.active} class=${'srow' + (props.active ? ' active' : '')} onClick=${props.onOpen}>
    <span class="sid">${rows.samples[s]}</span><span class="chips">${cells}</span></div>`;
}

function Explorer(props) {
  var idx = props.idx, run = props.run, f = props.filter, setF = props.setFilter;
  var hay = useState(null), haystack = hay[0], setHaystack = hay[1];
  var searching = f.search.trim() !== '' && haystack === null;
  var indexing = useRef(false);
  useEffect(function () {
    if (f.search.trim() === '' || haystack !== null || indexing.current) return;
    indexing.current = true;
    searchIndex(run, idx).then(setHaystack);
  }, [f.search]);
  var list = useMemo(function () { return filterSamples(idx, f, haystack); }, [idx, f, haystack]);
  var scrollRef = useRef(null);
  var v = useVirtual(list.length, scrollRef);
  var act = useState(0), active = Math.min(act[0], Math.max(0, list.length - 1)), setActive = act[1];
  var set = function (k) { return function (e) { var o = Object.assign({}, f); o[k] = e.target.value; if (k === 'field') o.value = ''; setF(o); }; };
  function onKey(e) {
    var to = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + 10, PageUp: active - 10, Home: 0, End: list.length - 1 }[e.key];
    if (to !== undefined) { e.preventDefault(); to = Math.max(0, Math.min(list.length - 1, to)); setActive(to); v.scrollToIndex(to); }
    else if (e.key === 'Enter' && list.length > 0) props.onOpen(list[active]);
  }
  var values = f.field !== '' && idx.fields[f.field] ? Array.from(idx.fields[f.field]).sort() : [];
  return html`<section class="explorer">
    <h2>Samples</h2>
    <form class="filters" onSubmit=${function (e) { e.preventDefault(); }}>
      <label>Show <select id="f-status" value=${f.status} onChange=${set('status')}>
        <option value="">all</option><option value="failed">failed</option><option value="errored">errored</option><option value="passed">passed</option>
        ${run.baselineDir ? html`<option value="flipped">flipped against the baseline</option><option value="regressed">passed in the baseline, not now</option><option value="fixed">failed in the baseline, passing now</option>` : null}
      </select></label>
      <label>Scorer failed <select id="f-scorer" value=${f.scorer} onChange=${set('scorer')}><option value="">any</option>${idx.rows.scorers.map(function (n, i) { return html`<option value=${String(i)}>${n}</option>`; })}</select></label>
      <label>Metadata <select id="f-field" value=${f.field} onChange=${set('field')}><option value="">any field</option>${Object.keys(idx.fields).sort().map(function (k) { return html`<option>${k}</option>`; })}</select></label>
      ${f.field !== '' ? html`<label>= <select id="f-value" value=${f.value} onChange=${set('value')}><option value="">any value</option>${values.map(function (x) { return html`<option>${x}</option>`; })}</select></label>` : null}
      <label>Search <input id="f-search" type="search" placeholder="id, input or output" value=${f.search} onInput=${set('search')}/></label>
      <label>Sort <select id="f-sort" value=${f.sort} onChange=${set('sort')}><option value="">dataset order</option><option value="id">sample id</option><option value="score">lowest score first</option><option value="latency">slowest first</option><option value="cost">costliest first</option></select></label>
    </form>
    <p class="count" role="status" id="sample-count">${searching ? 'Reading every input and output for the search…' : num(list.length) + ' of ' + num(idx.rows.samples.length) + ' samples'}</p>
    <div class="vlist" ref=${scrollRef} tabindex="0" role="listbox" aria-label="Samples (arrow keys to move, Enter to open)" aria-activedescendant=${list.length ? 's-' + list[active] : undefined} onKeyDown=${onKey}>
      <div style=${{ height: v.getTotalSize() + 'px', position: 'relative' }}>
        ${v.getVirtualItems().map(function (it) {
          var s = list[it.index];
          return html`<div key=${s} class="vrow" style=${{ transform: 'translateY(' + it.start + 'px)', height: ROW_H + 'px' }}>
            <${SampleRow} idx=${idx} sample=${s} active=${it.index === active} onOpen=${function () { setActive(it.index); props.onOpen(s); }}/></div>`;
        })}
      </div>
    </div>
  </section>`;
}
