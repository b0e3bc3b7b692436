'use strict';
// Shared helpers of the page (plain browser script: preact, preactHooks, htm, TanstackVirtual and
// uPlot are globals defined by the libraries inlined before it).
var h = preact.h;
var html = htm.bind(h);
var useState = preactHooks.useState, useEffect = preactHooks.useEffect, useMemo = preactHooks.useMemo;
var useRef = preactHooks.useRef, useCallback = preactHooks.useCallback;

function pct(x) { return x === null || x === undefined || Number.isNaN(x) ? '—' : (x * 100).toFixed(1) + '%'; }
function interval(ci) { return Array.isArray(ci) && ci[0] !== null ? '[' + pct(ci[0]) + ', ' + pct(ci[1]) + ']' : '—'; }
function usd(x) {
  if (x === null || x === undefined) return 'unknown';
  if (x === 0) return '$0';
  return x < 0.01 ? '$' + x.toPrecision(2) : '$' + x.toFixed(x < 10 ? 3 : 2);
}
function msText(x) { return x === null || x === undefined ? '—' : x < 1000 ? Math.round(x) + ' ms' : (x / 1000).toFixed(2) + ' s'; }
function num(x) { return x === null || x === undefined ? '—' : Number(x).toLocaleString('en-US'); }
function jsonText(v) { return typeof v === 'string' ? v : JSON.stringify(v, null, 2); }
var VERDICT_TEXT = { pass: 'PASS', gate_failed: 'GATE FAILED', incomplete: 'INCOMPLETE' };
function SimTag(props) { return props.on ? html`<span class="tag sim" title="Simulated model: not a real model's answers or prices">simulated</span>` : null; }
function Pass(props) {
  var p = props.value;
  if (p === 'error') return html`<span class="badge err">error</span>`;
  if (p === null || p === undefined) return html`<span class="badge none">—</span>`;
  return p ? html`<span class="badge ok">pass</span>` : html`<span class="badge bad">fail</span>`;
}
/** A table from column names and rows of cells. */
function Table(props) {
  return html`<div class="table-wrap"><table class=${props.cls || ''}>
    ${props.caption ? html`<caption>${props.caption}</caption>` : null}
    <thead><tr>${props.head.map(function (c) { return html`<th scope="col">${c}</th>`; })}</tr></thead>
    <tbody>${props.rows.map(function (r) { return html`<tr>${r.map(function (c, i) { return i === 0 ? html`<th scope="row">${c}</th>` : html`<td>${c}</td>`; })}</tr>`; })}</tbody>
  </table></div>`;
}
