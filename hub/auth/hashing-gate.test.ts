/** The hashing gate: at most N at once, a short queue, the rest refused with `unavailable` (503). */
import { isAppError } from '../../server/errors';
import { createHashingGate } from './hashing-gate';

describe('hashing gate', () => {
  it('runs at most maxConcurrent at once, queues maxQueued, refuses the rest', async () => {
    const gate = createHashingGate({ maxConcurrent: 2, maxQueued: 1, maxWaitMs: 5000 });
    let running = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    const job = () =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running--;
        return 'done';
      });
    const jobs = [job(), job(), job(), job()].map((p) =>
      p.then(
        (v) => v,
        (e: unknown) => e,
      ),
    );
    await new Promise((r) => setImmediate(r));
    expect(gate.stats()).toEqual({ running: 2, waiting: 1 });
    expect(isAppError(await jobs[3], 'unavailable')).toBe(true);
    while (release.length) {
      release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(jobs.slice(0, 3))).toEqual(['done', 'done', 'done']);
    expect(peak).toBe(2);
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a queued hash that waited longer than maxWaitMs, and frees its place', async () => {
    const gate = createHashingGate({ maxConcurrent: 1, maxQueued: 5, maxWaitMs: 20 });
    let finish!: () => void;
    const first = gate.run(() => new Promise<string>((resolve) => (finish = () => resolve('first'))));
    const second = gate.run(async () => 'second');
    await expect(second).rejects.toMatchObject({ kind: 'unavailable', code: 'sign_in_busy' });
    expect(gate.stats()).toEqual({ running: 1, waiting: 0 });
    finish();
    expect(await first).toBe('first');
    expect(await gate.run(async () => 'third')).toBe('third');
  });
});
