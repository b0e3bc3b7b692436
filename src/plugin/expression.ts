import { createContext, Script } from 'node:vm';

// An inline one-liner (`type: expression`): a JavaScript expression over `output`, `sample` and
// `expected`, run by node:vm in a context of its own that holds those three names and JavaScript's
// built-ins only (no require, process, import or timers), with a time limit that also covers the
// promise jobs it queues. The values go in as JSON text and are parsed inside the context, so no
// object of the harness is reachable from it; the result comes back as JSON text too, so reading it
// cannot run the expression's code (a getter) outside the limit. node:vm is not a security boundary:
// the expression is the spec author's own code, and this keeps it from hanging or reaching the
// harness by accident, not from a determined attacker.

export interface Expression {
  /** The expression's value as plain JSON (undefined → null), or a thrown Error saying what went wrong. */
  evaluate(values: { readonly output: string; readonly sample: unknown; readonly expected: unknown }): unknown;
}

const THREW = '\u0000threw';

// Errors are turned into text inside the context too (within the time limit).
const WRAPPER = (source: string) => `(function (__in) {
  'use strict';
  try {
    const { output, sample, expected } = JSON.parse(__in);
    const value = (${source}\n);
    return JSON.stringify(value === undefined ? null : value);
  } catch (e) {
    return JSON.stringify({ '${THREW}': String(e && typeof e === 'object' && 'message' in e ? e.message : e) });
  }
})(__in)`;

/** Compile once (a syntax error throws here, when the spec is checked); evaluate per sample. */
export function compileExpression(source: string, timeoutMs: number): Expression {
  const script = new Script(WRAPPER(source), { filename: 'expression' });
  // One context per expression, reused (a fresh one costs a millisecond or two a sample). Its global
  // object has no prototype of ours: `globalThis.constructor` is the context's own Object, and the
  // strict wrapper leaves `this` undefined, so neither leads to the harness's Function (and process).
  const sandbox = Object.create(null) as Record<string, unknown>;
  const ctx = createContext(sandbox, { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
  return {
    evaluate: (values) => {
      sandbox['__in'] = JSON.stringify(values);
      let out: unknown;
      try {
        out = script.runInContext(ctx, { timeout: timeoutMs });
      } catch {
        // Only the time limit (or a stack overflow of the wrapper itself) ends up here.
        throw new Error(`timed out after ${timeoutMs} ms`);
      }
      if (typeof out !== 'string') throw new Error('returned a value that is not JSON');
      const value = JSON.parse(out) as unknown;
      if (typeof value === 'object' && value !== null && THREW in value) throw new Error(`threw ${String((value as Record<string, unknown>)[THREW])}`);
      return value;
    },
  };
}
