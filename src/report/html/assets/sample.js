'use strict';
// One sample in full: its input as sent, the expected answer, and each model's answer side by side
// with every score, the judges' verdicts, attempts, errors, and turns or tool steps when recorded.

function Content(props) {
  var c = props.content;
  if (typeof c === 'string') return html`<pre class="text">${c}</pre>`;
  if (Array.isArray(c)) {
    return html`<div>${c.map(function (b) {
      if (b && b.type === 'text') return html`<pre class="text">${b.text}</pre>`;
      if (b && (b.type === 'image' || b.type === 'document')) return html`<${Media} block=${b}/>`;
      return html`<pre class="json">${jsonText(b)}</pre>`;
    })}</div>`;
  }
  return html`<pre class="json">${jsonText(c)}</pre>`;
}

// An image or document as the run kept it: by type, size and hash (never its bytes), or its URL (never fetched).
function Media(props) {
  var b = props.block, src = b.source || {};
  var what = src.kind === 'url' ? src.url : (src.mediaType || 'unknown type') + (typeof src.bytes === 'number' ? ', ' + src.bytes.toLocaleString('en-US') + ' bytes' : '') + (src.sha256 ? ', sha256 ' + src.sha256.slice(0, 12) : '');
  return html`<p class="block media">[${b.type}${b.title ? ' "' + b.title + '"' : ''}: ${what}]</p>`;
}

function InputView(props) {
  var input = props.input;
  if (input === null) return html`<p class="note">This run kept no input for the sample (runs before inputs.jsonl existed do not have one).</p>`;
  var req = input.request || {};
  var rest = Object.keys(req).filter(function (k) { return ['system', 'messages', 'model'].indexOf(k) < 0; });
  return html`<div class="input">
    ${req.system !== undefined ? html`<div class="msg system"><p class="role">system</p><${Content} content=${req.system}/></div>` : null}
    ${(req.messages || []).map(function (m) { return html`<div class=${'msg ' + m.role}><p class="role">${m.role}</p><${Content} content=${m.content}/></div>`; })}
    ${input.media !== undefined ? html`<div class="msg media"><p class="role">media in the dataset</p><pre class="json">${jsonText(input.media)}</pre></div>` : null}
    ${rest.length > 0 ? html`<details><summary>Request settings (${rest.join(', ')})</summary><pre class="json">${JSON.stringify(Object.fromEntries(rest.map(function (k) { return [k, req[k]]; })), null, 2)}</pre></details>` : null}
  </div>`;
}

function Scores(props) {
  return html`<table class="scores"><thead><tr><th scope="col">scorer</th><th scope="col">result</th><th scope="col">value</th><th scope="col">reason</th></tr></thead><tbody>
    ${props.scores.map(function (s) {
      return html`<tr><th scope="row">${s.name}</th><td><${Pass} value=${s.pass}/></td><td>${s.value}</td>
        <td>${s.reason || ''}${s.label ? html`<span class="label"> expected <code>${s.label.expected}</code>, named <code>${s.label.predicted === null ? 'none' : s.label.predicted}</code></span>` : null}
        ${s.judge ? html`<details class="judge"><summary>judge ${s.judge.model} (${s.judge.version}): verdict ${jsonText(s.judge.verdict)}</summary><pre class="text">${s.judge.reasoning}</pre>
          <p class="note">${s.judge.samples.valid} of ${s.judge.samples.asked} judge samples valid, agreement ${pct(s.judge.samples.agreement)}${s.judge.cascade ? ', escalated: ' + (s.judge.cascade.escalated ? 'yes (' + s.judge.cascade.reasons.join(', ') + ')' : 'no') : ''}</p></details>` : null}</td></tr>`;
    })}</tbody></table>`;
}

// A conversation: each user turn and the model's answer to it.
function Turns(props) {
  return html`<details open><summary>Conversation (${props.turns.length} turns)</summary><ol class="turns">${props.turns.map(function (t) {
    return html`<li><p class="role">user</p><pre class="text">${t.user}</pre><p class="role">answer${t.stopReason && t.stopReason !== 'end_turn' ? ' (stop ' + t.stopReason + ')' : ''}</p><pre class="text">${t.output === '' ? '(empty)' : t.output}</pre></li>`;
  })}</ol></details>`;
}

// A tool loop: each model response with the calls it made (name, arguments) and what each tool answered.
function Steps(props) {
  var calls = props.steps.reduce(function (n, st) { return n + st.calls.length; }, 0);
  return html`<details open><summary>Tool steps (${props.steps.length} responses, ${calls} calls${props.limit ? ', stopped at the step limit' : ''})</summary><ol class="steps">${props.steps.map(function (st) {
    return html`<li>${st.text ? html`<pre class="text">${st.text}</pre>` : null}${st.calls.length === 0 ? html`<p class="note">no tool call: the final answer</p>` : st.calls.map(function (c) {
      return html`<div class="call"><p><code>${c.name}</code>${c.isError ? html` <span class="badge err">tool error</span>` : null}</p><pre class="json">${jsonText(c.input)}</pre>${c.result !== undefined ? html`<p class="role">result</p><pre class="json">${jsonText(c.result)}</pre>` : null}</div>`;
    })}</li>`;
  })}</ol></details>`;
}

function Answer(props) {
  var d = props.detail, r = props.row, rows = props.rows;
  var model = rows.models[r[R.model]];
  return html`<article class="answer" aria-label=${model + ' answer'}>
    <h4>${model}${r[R.epoch] > 1 || props.epochs > 1 ? ' · epoch ' + r[R.epoch] : ''} <${Pass} value=${d.status === 'error' ? 'error' : d.pass}/> ${d.simulated ? html`<${SimTag} on=${true}/>` : null}</h4>
    ${d.error ? html`<p class="error-msg"><strong>${d.error.kind}</strong> (${d.error.stage}): ${d.error.message}</p>` : null}
    <pre class="text output">${d.output === '' ? '(empty)' : d.output}</pre>
    ${d.baselineOutput !== undefined && r[R.flip] > 0 ? html`<details open><summary>Baseline's answer (${r[R.flip] === 1 ? 'passed there' : 'failed there'})</summary><pre class="text">${d.baselineOutput}</pre></details>` : null}
    ${d.scores.length > 0 ? html`<${Scores} scores=${d.scores}/>` : null}
    ${Array.isArray(d.turns) && d.turns.length > 0 ? html`<${Turns} turns=${d.turns}/>` : null}
    ${Array.isArray(d.steps) && d.steps.length > 0 ? html`<${Steps} steps=${d.steps} limit=${d.stepLimit === true}/>` : null}
    ${d.parsed !== undefined ? html`<details><summary>Parsed structured output</summary><pre class="json">${jsonText(d.parsed)}</pre></details>` : null}
    <p class="facts">latency ${msText(d.latencyMs)} · cost ${usd(d.costUsd)} · tokens ${d.usage ? d.usage.inputTokens + ' in / ' + d.usage.outputTokens + ' out' : '—'} · stop ${d.stopReason || '—'} · ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${d.cached ? ' (cached)' : ''}
      ${d.retries.length > 0 ? ' · retried after: ' + d.retries.map(function (x) { return x.kind + ' (' + msText(x.waitMs) + ' wait)'; }).join(', ') : ''}</p>
  </article>`;
}

function SampleView(props) {
  var idx = props.idx, run = props.run, s = props.sample;
  var st = useState(null), got = st[0], setGot = st[1];
  var ref = useRef(null);
  useEffect(function () {
    setGot(null);
    var js = []; for (var k = idx.start[s]; k < idx.start[s + 1]; k++) js.push(idx.byRow[k]);
    var first = idx.rows.rows[js[0]];
    Promise.all([Promise.all(js.map(function (j) { return detailOf(run, j); })), inputOf(run, first[R.input])]).then(function (v) { setGot({ js: js, details: v[0], input: v[1] }); });
  }, [s]);
  useEffect(function () { if (ref.current) ref.current.focus(); }, [s]);
  var meta = idx.rows.metas[idx.rows.rows[idx.byRow[idx.start[s]]][R.meta]] || {};
  var epochs = run.summary.options.epochs;
  return html`<div class="overlay" onClick=${function (e) { if (e.target === e.currentTarget) props.onClose(); }}>
    <section class="sample" role="dialog" aria-modal="true" aria-labelledby="sample-title" tabindex="-1" ref=${ref} onKeyDown=${function (e) { if (e.key === 'Escape') props.onClose(); }}>
      <header><h3 id="sample-title">Sample ${idx.rows.samples[s]}</h3><button class="close" onClick=${props.onClose} aria-label="Close the sample (Escape)">✕</button></header>
      ${Object.keys(meta).length > 0 ? html`<p class="facts">${Object.keys(meta).map(function (k) { return k + ': ' + jsonText(meta[k]); }).join(' · ')}</p>` : null}
      ${got === null ? html`<p class="loading">Loading…</p>` : html`<div>
        <h4>Input</h4><${InputView} input=${got.input}/>
        <h4>Expected</h4>${got.input && got.input.target !== undefined ? html`<pre class="text expected">${jsonText(got.input.target)}</pre>` : html`<p class="note">No expected answer recorded for this sample.</p>`}
        <h4>Answers</h4>
        <div class="answers">${got.details.map(function (d, i) { return html`<${Answer} detail=${d} row=${idx.rows.rows[got.js[i]]} rows=${idx.rows} epochs=${epochs}/>`; })}</div>
      </div>`}
    </section>
  </div>`;
}
