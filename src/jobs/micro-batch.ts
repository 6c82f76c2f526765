// Groups calls that arrive within a few milliseconds into one call over all their keys. A worker
// running many jobs at once (BullMQ concurrency) hands each job's key to the batcher; the batch
// function does for all of them what each job would have done alone (one query instead of one
// per job), and every job gets its own result or its own error back.

export type MicroBatchOptions = {
  /** A batch is run as soon as it holds this many keys. */
  maxSize: number;
  /** …or this long after its first key arrived. */
  maxWaitMs: number;
};

/** What the batch function returns: an outcome per key (a key left out rejects with an error). */
export type BatchResults<K, R> = Map<K, PromiseSettledResult<R>>;

type Waiting<K, R> = { key: K; resolve: (value: R) => void; reject: (error: unknown) => void };

export function microBatch<K, R>(run: (keys: K[]) => Promise<BatchResults<K, R>>, options: MicroBatchOptions): (key: K) => Promise<R> {
  let waiting: Waiting<K, R>[] = [];
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    // A key asked for twice in one batch is run once; both callers get its outcome.
    run([...new Set(batch.map((w) => w.key))]).then(
      (results) => {
        for (const w of batch) {
          const outcome = results.get(w.key);
          if (!outcome) w.reject(new Error(`micro-batch: no outcome for ${String(w.key)}`));
          else if (outcome.status === 'fulfilled') w.resolve(outcome.value);
          else w.reject(outcome.reason);
        }
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  };

  return (key) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      if (waiting.length >= options.maxSize) flush();
      else timer ??= setTimeout(flush, options.maxWaitMs);
    });
}
