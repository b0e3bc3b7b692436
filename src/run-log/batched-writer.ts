// Lines written in batches: one write call per turn of the event loop instead of one per record.
// Each line's promise settles when the write that holds it has returned, so a caller that waits for
// it before reporting its item done keeps the rule "a record is in the file before its item counts".

/** Lines waiting past this many are written at once, without waiting for the end of the turn. */
export const BATCH_LINES = 512;

export interface BatchedWriter {
  /** Queue a line; resolves after the write that holds it, rejects with that write's error. */
  add(line: string): Promise<void>;
  /** Write what is waiting now (synchronously); a failure rejects the waiting lines and is thrown. */
  flush(): void;
}

interface Pending {
  text: string;
  lines: number;
  resolve: () => void;
  reject: (err: unknown) => void;
  readonly done: Promise<void>;
}

function pending(): Pending {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  // A batch nobody awaits (all its callers gone) must not become an unhandled rejection.
  done.catch(() => {});
  return { text: '', lines: 0, resolve, reject, done };
}

export function batchedWriter(write: (text: string) => void, schedule: (fn: () => void) => void = setImmediate): BatchedWriter {
  let current: Pending | undefined;
  const flush = () => {
    const batch = current;
    if (batch === undefined) return;
    current = undefined;
    try {
      write(batch.text);
    } catch (err) {
      batch.reject(err);
      throw err;
    }
    batch.resolve();
  };
  const flushQuietly = () => { try { flush(); } catch { /* the waiting lines' promises carry the error */ } };
  return {
    add: (line) => {
      if (current === undefined) {
        current = pending();
        schedule(flushQuietly);
      }
      const batch = current;
      batch.text += line;
      batch.lines += 1;
      if (batch.lines >= BATCH_LINES) flushQuietly();
      return batch.done;
    },
    flush,
  };
}
