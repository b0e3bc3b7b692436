'use strict';
// The report's data: meta (plain JSON) at once; each chunk (gzip in base64) decompressed on first use.
var META = JSON.parse(document.getElementById('hb-meta').textContent);
var chunkCache = new Map();

function base64Bytes(b64) {
  var s = atob(b64.trim());
  var out = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A chunk's value, decompressed and parsed once. */
function chunk(id) {
  var got = chunkCache.get(id);
  if (got) return got;
  var el = document.getElementById(id);
  got = el === null ? Promise.reject(new Error('chunk ' + id + ' missing'))
    : new Response(new Blob([base64Bytes(el.textContent)]).stream().pipeThrough(new DecompressionStream('gzip'))).text().then(JSON.parse);
  chunkCache.set(id, got);
  return got;
}

var BLOCK = 2000;
// Row fields (src/report/html/data.ts).
var R = { sample: 0, model: 1, epoch: 2, status: 3, pass: 4, score: 5, latency: 6, cost: 7, kind: 8, flip: 9, meta: 10, input: 11, failed: 12 };

/** The list rows of a run grouped by sample: what the explorer filters and sorts. */
function indexRun(rows) {
  var n = rows.samples.length;
  var count = new Int32Array(n);
  rows.rows.forEach(function (r) { count[r[0]]++; });
  var start = new Int32Array(n + 1);
  for (var i = 0; i < n; i++) start[i + 1] = start[i] + count[i];
  var byRow = new Int32Array(rows.rows.length), fill = start.slice(0, n);
  rows.rows.forEach(function (r, j) { byRow[fill[r[0]]++] = j; });
  var flags = new Uint8Array(n), failedScorers = new Int32Array(n), minScore = new Float64Array(n), maxLat = new Float64Array(n), cost = new Float64Array(n);
  for (var s = 0; s < n; s++) {
    var f = 0, fs = 0, ms = Infinity, ml = -1, c = 0;
    for (var k = start[s]; k < start[s + 1]; k++) {
      var r = rows.rows[byRow[k]];
      if (r[R.pass] === 0) f |= 1;
      if (r[R.status] === 1) f |= 2;
      if (r[R.flip] === 1) f |= 4;
      if (r[R.flip] === 2) f |= 8;
      if (r[R.pass] === 1) f |= 16;
      fs |= r[R.failed];
      if (r[R.score] !== null && r[R.score] < ms) ms = r[R.score];
      if (r[R.latency] !== null && r[R.latency] > ml) ml = r[R.latency];
      if (r[R.cost] !== null) c += r[R.cost];
    }
    flags[s] = f; failedScorers[s] = fs; minScore[s] = ms === Infinity ? 2 : ms; maxLat[s] = ml; cost[s] = c;
  }
  var fields = {};
  rows.metas.forEach(function (m) { Object.keys(m || {}).forEach(function (k) { var v = m[k]; if (typeof v !== 'object' || v === null) (fields[k] = fields[k] || new Set()).add(String(v)); }); });
  return { rows: rows, start: start, byRow: byRow, flags: flags, failedScorers: failedScorers, minScore: minScore, maxLat: maxLat, cost: cost, fields: fields };
}

/** A record's details (output, scores, error, ...). */
function detailOf(run, j) { return chunk(run.details[Math.floor(j / BLOCK)]).then(function (b) { return b[j % BLOCK]; }); }
function inputOf(run, k) { return k < 0 ? Promise.resolve(null) : chunk(run.inputs[Math.floor(k / BLOCK)]).then(function (b) { return b[k % BLOCK]; }); }

/** Lower-cased text of each sample (id, outputs, inputs) for search: every detail and input block is read. */
function searchIndex(run, idx) {
  return Promise.all(run.details.map(chunk).concat(run.inputs.map(chunk))).then(function (blocks) {
    var det = blocks.slice(0, run.details.length), ins = blocks.slice(run.details.length);
    var n = idx.rows.samples.length, out = new Array(n);
    for (var s = 0; s < n; s++) {
      var parts = [idx.rows.samples[s]], seen = -2;
      for (var k = idx.start[s]; k < idx.start[s + 1]; k++) {
        var j = idx.byRow[k], r = idx.rows.rows[j], d = det[Math.floor(j / BLOCK)][j % BLOCK];
        parts.push(d.output || '');
        if (d.error) parts.push(d.error.message);
        if (r[R.input] >= 0 && r[R.input] !== seen) { seen = r[R.input]; parts.push(JSON.stringify(ins[Math.floor(seen / BLOCK)][seen % BLOCK])); }
      }
      out[s] = parts.join('\n').toLowerCase();
    }
    return out;
  });
}
