/**
 * What isolating mappings costs and buys. A hub on SQLite with the real mapping sandbox:
 *   1. /healthz latency alone, then while `--hostile` previews run at once (backtracking regular
 *      expressions, a 200-million-character $pad, nested {{#each @root}}), each stopped by the
 *      sandbox; target p99 < 100 ms (in process, one such preview blocked the hub for 5-18 s, or killed it);
 *   2. the cost per evaluation of an 11-row mapping over a 2-line order: in process (what the hub
 *      and worker did before) against the sandbox (a round trip to an evaluator process), and the ratio.
 *
 *   npx tsx bench/mapping-isolation.ts [--hostile 10] [--rounds 2] [--orders 500]
 *
 * Loopback only. Deadline, memory and pool size come from MAPPING_* (config/index.ts).
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config';
import { CSRF_VALUE } from '../hub/auth';
import { createApp } from '../hub/app';
import { createMappingService } from '../hub/services/mappings';
import { applyMapping, defaultMapping, SAMPLE_CONTEXT, SAMPLE_ORDER, type Mapping } from '../mappings';
import { createMappingEvaluator } from '../server/mappings/sandbox/evaluator';
import { openTestDatabase } from '../test/support/databases';
import { createUser, PASSWORD, testAuth } from '../test/support/auth';
import { numberArgs } from './lib/args';

const base = defaultMapping('inventory.salesorder');
/** The default Inventory mapping (8 header rows) plus a template, an expression and a lookup: 11 header rows, 7 per line. */
const ELEVEN: Mapping = {
  ...base,
  fields: [
    ...base.fields,
    { zoho: 'terms', source: { template: 'PO {{reference}} for {{customer.name}}, {{#each lines}}{{name}} ×{{quantity}} {{/each}}' } },
    { zoho: 'delivery_method', source: { expression: 'paymentMethod = "card" ? "Courier" : "Van"' } },
    { zoho: 'salesperson_name', source: { lookup: { path: 'paymentMethod', table: { card: 'Card desk' }, default: 'Field' } } },
  ],
};
const HOSTILE = [
  '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)',
  '$length($pad("", 200000000))',
  '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)',
].map((expression): Mapping => ({ ...base, fields: [...base.fields, { zoho: 'terms', source: { expression } }] }));
HOSTILE.push({ ...base, fields: [...base.fields, { zoho: 'terms', source: { template: `${'{{#each @root}}'.repeat(6)}x${'{{/each}}'.repeat(6)}` } }] });

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function healthzWhile(url: string, busy: () => boolean): Promise<number[]> {
  const times: number[] = [];
  do {
    const t = performance.now();
    await (await fetch(`${url}/healthz`)).arrayBuffer();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  } while (busy());
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const a = numberArgs({ hostile: 10, rounds: 2, orders: 500 });
  const settings = loadConfig({}).mappingSandbox;
  const { db, cleanup } = await openTestDatabase('sqlite');
  const evaluator = createMappingEvaluator(settings);
  const auth = testAuth(db);
  const mappings = createMappingService({ db, audit: auth.audit, customFields: async () => [], evaluator, previewPerMinute: 100_000 });
  const app = createApp({ auth, orders: {} as never, mappings, readiness: {} });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const user = await createUser(auth, 'support');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': CSRF_VALUE },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const preview = (mapping: Mapping) =>
      fetch(`${url}/api/mappings/inventory.salesorder/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': CSRF_VALUE, cookie },
        body: JSON.stringify({ mapping }),
      });
    await evaluator.ready();
    console.log(`sandbox: ${settings.poolSize} evaluator processes, deadline ${settings.deadlineMs} ms, ${settings.memoryMb} MB each`);

    // 1. /healthz, alone and under hostile previews
    const idle = await healthzWhile(url, (() => { let n = 0; return () => ++n < 200; })()); // prettier-ignore
    console.log(`/healthz alone:                     p50 ${ms(quantile(idle, 0.5))}  p99 ${ms(quantile(idle, 0.99))}  (${idle.length} requests)`);
    let running = 0;
    const statuses: Record<number, number> = {};
    const started = performance.now();
    const load = (async () => {
      for (let round = 0; round < a.rounds; round++) {
        await evaluator.ready();
        running = a.hostile;
        await Promise.all(
          Array.from({ length: a.hostile }, async (_, i) => {
            const res = await preview(HOSTILE[i % HOSTILE.length]!);
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            await res.arrayBuffer();
            running--;
          }),
        );
      }
    })();
    let loadDone = false;
    void load.finally(() => (loadDone = true));
    const busy = await healthzWhile(url, () => !loadDone);
    await load;
    const p99 = quantile(busy, 0.99);
    console.log(
      `/healthz under ${a.hostile} hostile previews: p50 ${ms(quantile(busy, 0.5))}  p99 ${ms(p99)}  max ${ms(busy.at(-1)!)}  (${busy.length} requests, ${a.rounds} rounds in ${((performance.now() - started) / 1000).toFixed(1)} s; answers ${JSON.stringify(statuses)}) target p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'}`,
    );
    void running;

    // 2. cost per evaluation
    await evaluator.ready();
    for (let i = 0; i < 50; i++) {
      await applyMapping(ELEVEN, SAMPLE_ORDER, SAMPLE_CONTEXT);
      await evaluator.applyMapping(ELEVEN, SAMPLE_ORDER, SAMPLE_CONTEXT);
    }
    let t = performance.now();
    for (let i = 0; i < a.orders; i++) await applyMapping(ELEVEN, SAMPLE_ORDER, SAMPLE_CONTEXT);
    const inProcess = (performance.now() - t) / a.orders;
    t = performance.now();
    for (let i = 0; i < a.orders; i++) await evaluator.applyMapping(ELEVEN, SAMPLE_ORDER, SAMPLE_CONTEXT);
    const isolated = (performance.now() - t) / a.orders;
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: settings.poolSize }, async () => {
        while (next++ < a.orders) await evaluator.applyMapping(ELEVEN, SAMPLE_ORDER, SAMPLE_CONTEXT);
      }),
    );
    const isolatedParallel = (performance.now() - t) / a.orders;
    console.log(`11-row mapping, 2-line order, ${a.orders} evaluations each:`);
    console.log(`  in process:                       ${inProcess.toFixed(3)} ms per order`);
    console.log(`  sandbox, one at a time:           ${isolated.toFixed(3)} ms per order  (ratio ${(isolated / inProcess).toFixed(1)}× in process)`);
    console.log(
      `  sandbox, ${settings.poolSize} at a time:             ${isolatedParallel.toFixed(3)} ms per order  (ratio ${(isolatedParallel / inProcess).toFixed(1)}× in process)`,
    );
  } finally {
    await evaluator.close();
    await new Promise((r) => server.close(r));
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
