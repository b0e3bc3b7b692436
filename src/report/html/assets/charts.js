'use strict';
// Charts: the quality–cost chart is a small SVG (a few points: printable, readable by screen readers
// through its table twin); the viewer's trend over time is uPlot (many points, zoom).

/** The points no other point beats on both quality and cost, cheapest first. */
function paretoFront(points) {
  var best = -Infinity;
  return points.slice().sort(function (a, b) { return a.cost - b.cost || b.q - a.q; }).filter(function (p) { if (p.q <= best) return false; best = p.q; return true; });
}

/** Quality (pass rate, with its interval) against cost per item; the routing front when there is one. */
function QualityCost(props) {
  var pts = props.points, front = props.front || [];
  if (pts.length === 0) return null;
  var W = 560, H = 300, L = 64, B = 44, T = 16, Rm = 16;
  var xs = pts.map(function (p) { return p.cost; }).concat(front.map(function (p) { return p.cost; })).filter(function (x) { return x !== null; });
  if (xs.length === 0) return html`<p class="note">No model has a known price: no quality–cost chart.</p>`;
  var xmax = Math.max.apply(null, xs) * 1.1 || 1, ymin = Math.min.apply(null, pts.map(function (p) { return p.ci ? p.ci[0] : p.q; }).concat(front.map(function (p) { return p.q; }))) ;
  ymin = Math.max(0, Math.floor((ymin - 0.05) * 10) / 10);
  var x = function (c) { return L + (c / xmax) * (W - L - Rm); }, y = function (q) { return T + (1 - (q - ymin) / (1 - ymin)) * (H - T - B); };
  var ticks = []; for (var t = ymin; t <= 1.0001; t += (1 - ymin) / 5) ticks.push(t);
  var sorted = paretoFront(front);
  return html`<figure class="chart">
    <svg viewBox=${'0 0 ' + W + ' ' + H} role="img" aria-label=${'Quality against cost per item: ' + pts.map(function (p) { return p.label + ' ' + pct(p.q) + ' at ' + usd(p.cost); }).join('; ')}>
      ${ticks.map(function (t) { return html`<g><line class="grid" x1=${L} x2=${W - Rm} y1=${y(t)} y2=${y(t)}/><text class="axis" x=${L - 6} y=${y(t) + 4} text-anchor="end">${pct(t)}</text></g>`; })}
      <line class="axisline" x1=${L} x2=${W - Rm} y1=${H - B} y2=${H - B}/>
      <text class="axis" x=${L} y=${H - B + 16}>$0</text><text class="axis" x=${W - Rm} y=${H - B + 16} text-anchor="end">${usd(xmax)}</text>
      <text class="axis" x=${(W + L) / 2} y=${H - 8} text-anchor="middle">cost per item</text>
      ${sorted.length > 1 ? html`<polyline class="front" points=${sorted.map(function (p) { return x(p.cost) + ',' + y(p.q); }).join(' ')}/>` : null}
      ${front.map(function (p) { return html`<circle class="front-pt" cx=${x(p.cost)} cy=${y(p.q)} r="3"><title>${p.label}: ${pct(p.q)}, ${usd(p.cost)}</title></circle>`; })}
      ${pts.map(function (p, i) {
        if (p.cost === null) return null;
        return html`<g class=${'model m' + (i % 6)}>
          ${p.ci ? html`<line x1=${x(p.cost)} x2=${x(p.cost)} y1=${y(p.ci[0])} y2=${y(p.ci[1])}/>` : null}
          <circle cx=${x(p.cost)} cy=${y(p.q)} r="6"><title>${p.label}: ${pct(p.q)} ${interval(p.ci)}, ${usd(p.cost)} per item</title></circle>
          <text x=${x(p.cost) > W / 2 ? x(p.cost) - 9 : x(p.cost) + 9} y=${y(p.q) - 8 - 14 * (i % 2)} text-anchor=${x(p.cost) > W / 2 ? 'end' : 'start'}>${p.label}</text></g>`;
      })}
    </svg>
    <figcaption>${props.caption}</figcaption>
  </figure>`;
}

/** A metric over time per model, with its interval as a band (uPlot). */
function Trend(props) {
  var ref = useRef(null);
  useEffect(function () {
    var el = ref.current; if (!el) return undefined;
    var s = props.series;
    var times = Array.from(new Set(s.flatMap(function (m) { return m.points.map(function (p) { return p.t; }); }))).sort(function (a, b) { return a - b; });
    var at = function (m, key) { var by = new Map(m.points.map(function (p) { return [p.t, p[key]]; })); return times.map(function (t) { return by.has(t) ? by.get(t) : null; }); };
    var data = [times], series = [{}], bands = [];
    var colors = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2'];
    s.forEach(function (m, i) {
      var c = colors[i % colors.length], base = data.length;
      data.push(at(m, 'v'), at(m, 'hi'), at(m, 'lo'));
      series.push({ label: m.label, stroke: c, width: 2, points: { show: true, size: 7 }, spanGaps: true, value: function (u, v) { return pct(v); } },
        { label: m.label + ' high', stroke: c, width: 0, points: { show: false }, spanGaps: true, value: function (u, v) { return pct(v); } },
        { label: m.label + ' low', stroke: c, width: 0, points: { show: false }, spanGaps: true, value: function (u, v) { return pct(v); } });
      bands.push({ series: [base + 1, base + 2], fill: c + '33' });
    });
    var xr = times.length > 1 ? null : [times[0] - 86400, times[0] + 86400];
    var plot = new uPlot({ width: Math.max(320, el.clientWidth || 640), height: 260, series: series, bands: bands, legend: { show: false },
      scales: { x: xr ? { time: true, range: xr } : { time: true }, y: { range: [0, 1] } },
      axes: [{ stroke: getComputedStyle(el).color }, { size: 64, stroke: getComputedStyle(el).color, values: function (u, vs) { return vs.map(function (v) { return Math.round(v * 100) + '%'; }); } }] }, data, el);
    return function () { plot.destroy(); };
  }, [props.series]);
  var colors = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2'];
  return html`<figure class="chart wide"><div ref=${ref} class="trend" role="img" aria-label=${props.caption}></div>
    <ul class="legend">${props.series.map(function (m, i) { return html`<li><span class="swatch" style=${{ background: colors[i % colors.length] }}></span>${m.label}: ${m.points.map(function (p) { return pct(p.v); }).join(' → ')}</li>`; })}</ul>
    <figcaption>${props.caption}</figcaption></figure>`;
}
