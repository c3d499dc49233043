/**
 * Natural batching for a hot path: requests that arrive while one batch is being handled (or in
 * the same turn of the event loop) are handled together by the next, so a quiet hub answers one
 * request as soon as it comes and a storm of a thousand devices costs a few queries per batch
 * instead of a few per request (on SQLite, one writer: bench/reconnect-storm.ts). One batch at a
 * time; the handler settles each job, and whatever it leaves unsettled fails with its error.
 */
export interface Job<I, O> {
  readonly input: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export function batched<I, O>(handle: (jobs: Job<I, O>[]) => Promise<void>, maxBatch = 100): (input: I) => Promise<O> {
  let queue: Job<I, O>[] = [];
  let busy = false;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const jobs = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      let failure: unknown = new Error('batched: the handler settled no answer for this request');
      try {
        await handle(jobs);
      } catch (err) {
        failure = err;
      }
      // Settling twice is a no-op: only what the handler left open is refused.
      for (const job of jobs) job.reject(failure);
    }
    busy = false;
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!busy) {
        busy = true;
        setImmediate(() => void flush());
      }
    });
}
