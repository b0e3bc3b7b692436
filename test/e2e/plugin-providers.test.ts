import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Custom providers through the built CLI: a TypeScript module (module:) and a Python command (exec:)
// answer an eval end to end; the errors they mark retryable are retried by the harness's own retry
// path (counted by the plug-ins themselves and in the records), the others fail the item at once.

interface Rec { sampleId: string; model: string; status: string; output: string; attempts: number; retries: { kind: string; waitMs: number }[]; error?: { kind: string; stage: string; message: string } }
interface Summary { models: { model: string; n: number; passed: number; failed: number; errors: number; attempts: number }[] }

const MODULE = `import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionRequest, ItemContext, Completion } from 'haikubench';

let dir = '';

export function createProvider(options: { dir: string }) {
  dir = options.dir;
  return { complete };
}

async function complete(request: CompletionRequest, signal: AbortSignal, item: ItemContext): Promise<Completion> {
  const id = item.sample.id;
  appendFileSync(join(dir, 'module-calls.log'), id + '\\n');
  const marker = join(dir, 'module-failed-' + id);
  if (id.endsWith('1') && !existsSync(marker)) {
    writeFileSync(marker, '');
    throw Object.assign(new Error('busy, try again'), { retryable: true, retryAfterMs: 5 });
  }
  if (id === 's4') throw new Error('this sample is not for me');
  return { text: String(item.sample.target), usage: { inputTokens: request.messages.length, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 1 };
}
`;

const PYTHON = `import json, os, sys
data = json.load(sys.stdin)
d = data["options"]["dir"]
sid = data["sample"]["id"]
with open(os.path.join(d, "exec-calls.log"), "a") as f:
    f.write(sid + "\\n")
marker = os.path.join(d, "exec-failed-" + sid)
if sid.endswith("2") and not os.path.exists(marker):
    open(marker, "w").close()
    print(json.dumps({"error": {"message": "rate limited", "status": 429, "retryAfterMs": 5}}))
    sys.exit(0)
if sid == "s3":
    sys.stderr.write("Traceback: something broke in the agent\\n")
    sys.exit(1)
print(json.dumps({"text": data["sample"]["target"], "usage": {"inputTokens": 3, "outputTokens": 1}}))
`;

describe('plug-in providers (e2e)', () => {
  it('a module: and an exec: provider run an eval end to end, their retryable errors retried', async () => {
    const dir = tempDir('haikubench-plugin-providers-');
    const rows = Array.from({ length: 14 }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}`, a: `answer-${i}` }));
    writeFiles(dir, {
      'data.jsonl': rows.join('\n'),
      'agent.ts': MODULE,
      'agent.py': PYTHON,
      'spec.yaml': [
        'name: plugin-providers',
        'dataset: { path: data.jsonl, fields: { target: a } }',
        'prompt: { user: "{{q}}" }',
        'models:',
        `  - { id: "module:./agent.ts", options: { dir: ${JSON.stringify(dir)} } }`,
        `  - { id: "exec:python3 ./agent.py", options: { dir: ${JSON.stringify(dir)} }, concurrency: 3 }`,
        'scorers: [{ type: equals }]',
        'run: { max_error_rate: 1, timeout_ms: 20000 }',
      ].join('\n'),
    });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'run')], { timeoutMs: 180_000 });
    expect(res.code, res.stderr).toBe(0);
    const records = readJsonl<Rec>(join(dir, 'run/records.jsonl'));
    expect(records).toHaveLength(28);
    const rec = (model: string, id: string) => records.find((r) => r.model === model && r.sampleId === id);
    const mod = 'module:./agent.ts';
    const exe = 'exec:python3 ./agent.py';

    // module: s1 and s11 threw a retryable error once: two attempts, one retry (kind server), then the answer.
    for (const id of ['s1', 's11']) expect(rec(mod, id)).toMatchObject({ status: 'ok', output: `answer-${id.slice(1)}`, attempts: 2, retries: [{ kind: 'server', waitMs: 5 }] });
    // A plain Error is not retried: one attempt, an error record of the provider stage.
    expect(rec(mod, 's4')).toMatchObject({ status: 'error', attempts: 1, error: { kind: 'unknown', stage: 'provider' } });
    expect(rec(mod, 's4')?.error?.message).toContain('this sample is not for me');
    // exec: s2 and s12 answered {"error": {status: 429}} once: retried as a rate limit.
    for (const id of ['s2', 's12']) expect(rec(exe, id)).toMatchObject({ status: 'ok', output: `answer-${id.slice(1)}`, attempts: 2, retries: [{ kind: 'rate_limit', waitMs: 5 }] });
    // A non-zero exit is not retried; the stderr tail is in the record.
    expect(rec(exe, 's3')).toMatchObject({ status: 'error', attempts: 1, error: { kind: 'unknown', stage: 'provider' } });
    expect(rec(exe, 's3')?.error?.message).toMatch(/exited with code 1; stderr: Traceback: something broke in the agent/);

    // The plug-ins' own count of the calls they got is the records' count of attempts.
    const calls = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n').length;
    const attempts = (model: string) => records.filter((r) => r.model === model).reduce((s, r) => s + r.attempts, 0);
    expect(calls('module-calls.log')).toBe(attempts(mod));
    expect(calls('exec-calls.log')).toBe(attempts(exe));
    expect(attempts(mod)).toBe(16);
    expect(attempts(exe)).toBe(16);

    const summary = JSON.parse(readFileSync(join(dir, 'run/summary.json'), 'utf8')) as Summary;
    expect(summary.models.map((m) => [m.model, m.passed, m.failed, m.errors])).toEqual([[mod, 13, 0, 1], [exe, 13, 0, 1]]);
  });
});
