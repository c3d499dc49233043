import { InProcessRateLimiter } from './limiter';
import { ZohoRateLimitError } from './errors';

async function run(limiter: InProcessRateLimiter, calls: number, holdMs: number) {
  const starts: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  await Promise.all(
    Array.from({ length: calls }, async () => {
      const release = await limiter.acquire();
      starts.push(Date.now());
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, holdMs));
      inFlight--;
      release();
    }),
  );
  return { starts: starts.sort((a, b) => a - b), maxInFlight };
}

describe('InProcessRateLimiter', () => {
  test('never more than perWindow starts in any window-long interval', async () => {
    const limiter = new InProcessRateLimiter({ perWindow: 5, windowMs: 200, concurrency: 100, slackMs: 0 });
    const t0 = Date.now();
    const { starts } = await run(limiter, 16, 1);
    // A start is seen when its promise's continuation runs: on a loaded machine the earlier one of a
    // pair can be seen a few ms late, which shortens the interval as measured (not as started).
    for (let i = 5; i < starts.length; i++) expect(starts[i]! - starts[i - 5]!).toBeGreaterThanOrEqual(196);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(590); // 16 calls at 5 per 200 ms: three full waits
  });

  test('bounds concurrency', async () => {
    const limiter = new InProcessRateLimiter({ perWindow: 1000, windowMs: 1000, concurrency: 3 });
    const { maxInFlight } = await run(limiter, 20, 10);
    expect(maxInFlight).toBe(3);
  });

  test('a 429 from Zoho pauses every caller until its window resets', async () => {
    const limiter = new InProcessRateLimiter({ perWindow: 1000, windowMs: 1000, concurrency: 10 });
    limiter.onRateLimited(new ZohoRateLimitError('slow down', { kind: 'per_minute', retryAfterMs: 150 }));
    const t0 = Date.now();
    (await limiter.acquire())();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  test('after a long 429 (daily quota) calls fail at once with the time left, instead of waiting', async () => {
    const limiter = new InProcessRateLimiter({ maxPauseWaitMs: 1000 });
    limiter.onRateLimited(new ZohoRateLimitError('quota gone', { kind: 'daily', code: 45, retryAfterMs: 3_600_000 }));
    const err = await limiter.acquire().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZohoRateLimitError);
    expect(err).toMatchObject({ kind: 'daily', code: 45, message: 'quota gone' });
    expect((err as ZohoRateLimitError).retryAfterMs).toBeGreaterThan(3_590_000);
  });

  test('a released slot cannot be released twice', async () => {
    const limiter = new InProcessRateLimiter({ concurrency: 1 });
    const release = await limiter.acquire();
    release();
    release();
    const a = await limiter.acquire();
    let second = false;
    void limiter.acquire().then(() => (second = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(second).toBe(false);
    a();
  });
});
