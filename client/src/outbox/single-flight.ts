/**
 * One run at a time for the outbox replay, without losing a request: the page's requestReplay and
 * the service worker's queue drain both need it. Lib-agnostic (no DOM, no worker globals).
 */

/**
 * Wraps `run` so that at most one run is in flight. A call while one runs gets the same promise
 * and asks for one more run right after it (what it is about may be newer than what that run
 * saw); any number of such calls add one run, not one each. The promise settles once no run is
 * asked for any more. A run that fails ends it: every caller gets the error, a run asked for
 * meanwhile is dropped, and the next call starts afresh.
 */
export function singleFlight(run: () => Promise<void>): () => Promise<void> {
  let running = false;
  let again = false;
  let flight: Promise<void> = Promise.resolve();
  return () => {
    if (running) {
      again = true;
      return flight;
    }
    running = true;
    flight = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again);
      } finally {
        // In the same step as the last look at `again`: a call cannot slip in between and be lost.
        running = false;
      }
    })();
    return flight;
  };
}
