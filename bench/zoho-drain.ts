/**
 * Drain N sales-order creates through the connector into a Zoho sandbox at a rate limit with a
 * compressed window, and measure what the connector achieves against it.
 *
 *   npx tsx bench/zoho-drain.ts [--orders 1000] [--per-minute 100] [--window-ms 1000]
 *                               [--concurrency 10] [--workers 20] [--faults 0] [--max-seconds 120]
 *
 * `--per-minute` is the limit per window (Zoho: 100 per 60 000 ms; compressed here to a short window).
 * `--faults K` also arms K each of 5xx answers, connection resets and commit-then-drop.
 * Loopback only; bounded in orders (≤ 20 000) and time (--max-seconds).
 * Targets: throughput ≥ 0.9 of the limit, < 2% of calls answered 429, zero duplicates.
 */
import { randomUUID } from 'node:crypto';
import { documentNumber } from '../domain';
import { createZohoClient, InProcessRateLimiter, MemoryTokenStore, ZohoError, ZohoRateLimitError } from '../zoho/connector';
import { startSandbox } from '../zoho/testing';
import { numberArgs } from './lib/args';

function args(): Record<string, number> {
  const defaults: Record<string, number> = { orders: 1000, 'per-minute': 100, 'window-ms': 1000, concurrency: 10, workers: 20, faults: 0, 'max-seconds': 120 };
  const out = numberArgs(defaults);
  out.orders = Math.min(20_000, Math.max(1, Math.floor(out.orders!)));
  return out;
}

async function main(): Promise<void> {
  const a = args();
  const orders = a.orders!;
  const limit = a['per-minute']!;
  const windowMs = a['window-ms']!;
  const concurrency = a.concurrency!;
  const deadline = Date.now() + a['max-seconds']! * 1000;

  const zs = await startSandbox({
    seed: { items: 20, customers: 5 },
    limits: { perWindow: limit, windowMs, concurrency, perDay: 10_000_000 },
  });
  try {
    const zoho = createZohoClient(zs.settings('inventory'), {
      tokenStore: new MemoryTokenStore(),
      limiter: new InProcessRateLimiter({ perWindow: limit, windowMs, concurrency }),
      timeoutMs: 2000,
    });
    await zoho.getAccessToken(); // the token request is not an API call: keep it out of the timing
    const fx = zs.sandbox.fixtures;
    if (a.faults! > 0) zs.sandbox.faults.set({ errors5xx: a.faults, resets: a.faults, commitThenDrop: a.faults });

    const numbers = Array.from({ length: orders }, () => documentNumber('order', randomUUID()));
    let next = 0;
    let attempts = 0;
    let adopted = 0;
    let failed = 0;
    let timedOut = false;
    const t0 = Date.now();

    // What a Temporal activity retry policy would do: retry retryable errors, after retryAfterMs when given.
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= orders) return;
        for (let attempt = 1; ; attempt++) {
          if (Date.now() > deadline) {
            timedOut = true;
            failed++;
            break;
          }
          attempts++;
          try {
            const r = await zoho.salesOrders.create(
              {
                customer_id: fx.customer.contact_id,
                reference_number: `bench-${i}`,
                line_items: [{ item_id: fx.items[i % fx.items.length]!.item_id, quantity: 1 + (i % 5) }],
              },
              { number: numbers[i]! },
            );
            if (r.adopted) adopted++;
            break;
          } catch (err) {
            if (!(err instanceof ZohoError) || !err.retryable || attempt >= 20) {
              failed++;
              console.error(`order ${i} failed: ${(err as Error).message}`);
              break;
            }
            const wait = err instanceof ZohoRateLimitError ? err.retryAfterMs : Math.min(1000, 20 * 2 ** attempt);
            await new Promise((r) => setTimeout(r, wait));
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, a.workers!) }, worker));
    const elapsedMs = Date.now() - t0;

    const stats = zs.sandbox.stats;
    const calls = stats.apiCalls;
    const limited = Object.values(stats.rateLimited).reduce((s, n) => s + n, 0);
    const answered = calls - limited;
    const docs = zs.sandbox.state.salesOrders();
    const byNumber = new Map<string, number>();
    for (const d of docs) byNumber.set(String(d.salesorder_number), (byNumber.get(String(d.salesorder_number)) ?? 0) + 1);
    const duplicates = [...byNumber.values()].reduce((s, n) => s + (n - 1), 0);
    const missing = numbers.filter((n) => !byNumber.has(n)).length;

    // Measured where Zoho counts: accepted calls in each of the sandbox's aligned windows, over the
    // full windows of the run (the first and last are partial), empty windows counting as zero.
    const windows = zs.sandbox.limits.windows(fx.organizationId);
    const first = windows[0]?.start ?? 0;
    const last = windows.at(-1)?.start ?? 0;
    const inner = windows.filter((w) => w.start > first && w.start < last);
    const innerCount = Math.round((last - first) / windowMs) - 1;
    const throughput = innerCount > 0 ? inner.reduce((s, w) => s + w.count, 0) / innerCount / limit : answered / Math.max(1, elapsedMs / windowMs) / limit; // too short a run for full windows
    const share429 = calls ? limited / calls : 0;
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    const line = (label: string, value: string, ok?: boolean) =>
      console.log(`${label.padEnd(34)} ${value}${ok === undefined ? '' : ok ? '   ok' : '   MISSED'}`);

    console.log(
      `Zoho drain: ${orders} sales orders, limit ${limit} per ${windowMs} ms, concurrency ${concurrency}, ${a.workers} workers${a.faults ? `, faults ${a.faults} each` : ''}`,
    );
    line('elapsed', `${(elapsedMs / 1000).toFixed(2)} s${timedOut ? ' (stopped at --max-seconds)' : ''}`);
    line('orders done / adopted / failed', `${orders - failed} / ${adopted} / ${failed}`);
    line('API calls (incl. 429)', String(calls));
    line('throughput (per window / limit)', `${throughput.toFixed(3)} over ${Math.max(0, innerCount)} full windows`, throughput >= 0.9);
    line('answered 429', `${limited} (${pct(share429)})`, share429 < 0.02);
    line('calls per order', (calls / orders).toFixed(3));
    line('attempts per order', (attempts / orders).toFixed(3));
    line('duplicates', String(duplicates), duplicates === 0);
    line('missing orders', String(missing), missing === 0);
    line('status counts', JSON.stringify({ ...stats.byStatus, dropped: stats.dropped }));
    if (duplicates > 0 || missing > 0) process.exitCode = 1;
  } finally {
    await zs.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
