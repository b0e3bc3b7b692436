// What the batch path records about the Message Batches it creates, so that a resumed run polls
// the open ones again instead of creating them twice. run-log/batch-log.ts keeps it in the run directory.

export interface BatchEntry {
  /** The run that created it: a batch is only ever collected by its own run. */
  readonly runId: string;
  readonly batchId: string;
  readonly model: string;
  readonly customIds: readonly string[];
  readonly createdAt: string;
}

export interface BatchLog {
  creating(model: string, requests: number, at: string): void;
  created(entry: BatchEntry): void;
  createFailed(model: string, at: string): void;
  collected(batchId: string, at: string): void;
}
