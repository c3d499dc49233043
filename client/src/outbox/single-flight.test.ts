/** singleFlight, the outbox replay's one-at-a-time rule: no overlap, no request lost, a failure ends the run. */
import { singleFlight } from './single-flight';

/** A promise settled from outside: each pass of the run waits on one. */
function gate() {
  let open!: () => void;
  let fail!: (err: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** A run whose passes are counted and each held until the test lets it go. */
function heldRun() {
  const gates: Array<ReturnType<typeof gate>> = [];
  let active = 0;
  let most = 0;
  const run = async () => {
    const g = gate();
    gates.push(g);
    active++;
    most = Math.max(most, active);
    try {
      await g.promise;
    } finally {
      active--;
    }
  };
  return { run, gates, most: () => most };
}

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('singleFlight', () => {
  it('gives calls during a run the same promise and one more pass after it, never two at once', async () => {
    const { run, gates, most } = heldRun();
    const replay = singleFlight(run);
    const first = replay();
    const second = replay();
    const third = replay();
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(gates).toHaveLength(1);

    let settled = false;
    void first.then(() => (settled = true));
    gates[0]!.open();
    await ticks(10);
    expect(gates).toHaveLength(2); // the two calls made during the first pass asked for one more
    expect(settled).toBe(false); // and the promise waits for it
    gates[1]!.open();
    await first;
    expect(gates).toHaveLength(2);
    expect(most()).toBe(1);
  });

  it('starts afresh once a run settled', async () => {
    const { run, gates } = heldRun();
    const replay = singleFlight(run);
    const first = replay();
    gates[0]!.open();
    await first;
    const next = replay();
    expect(next).not.toBe(first);
    expect(gates).toHaveLength(2);
    gates[1]!.open();
    await next;
  });

  it('loses no call made at any moment while a run finishes', async () => {
    // One call k microtasks after a run began, for each k around its end: each must see a pass begin after it.
    const gotAPass: boolean[] = [];
    for (let k = 0; k < 16; k++) {
      let passes = 0;
      const replay = singleFlight(async () => {
        passes++;
        await ticks(3);
      });
      const first = replay();
      await ticks(k);
      const before = passes;
      await replay();
      gotAPass.push(passes > before);
      await first;
    }
    expect(gotAPass).toEqual(gotAPass.map(() => true));
  });

  it('ends the run on a failure: every caller gets it, the pass asked for meanwhile is dropped', async () => {
    const { run, gates } = heldRun();
    const replay = singleFlight(run);
    const first = replay();
    const second = replay();
    gates[0]!.fail(new Error('Could not reach the hub.'));
    await expect(first).rejects.toThrow('Could not reach the hub.');
    await expect(second).rejects.toThrow('Could not reach the hub.');
    expect(gates).toHaveLength(1);

    const next = replay();
    expect(gates).toHaveLength(2);
    gates[1]!.open();
    await expect(next).resolves.toBeUndefined();
  });

  it('recovers from a run that throws before it awaits anything', async () => {
    let calls = 0;
    const replay = singleFlight((() => {
      calls++;
      if (calls === 1) throw new Error('at once');
      return Promise.resolve();
    }) as () => Promise<void>);
    await expect(replay()).rejects.toThrow('at once');
    await expect(replay()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
