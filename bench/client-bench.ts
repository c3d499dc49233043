/**
 * The rep's app in headless Chromium against a real hub (bench/client-hub.ts) holding a
 * 50,000-item / 10,000-customer catalogue (plus stock and a per-item price list for every item).
 *
 *   npx tsx bench/client-bench.ts [--items 50000] [--customers 10000] [--groups 5000] [--max-seconds 300]
 *
 * --groups: about this many item groups (the issue's 50,000 items, half of them variants of 5,000
 * groups: blocks of 10, five variants each); absent: one group of six per 30 items (1,667 at 50,000).
 *
 * Prints:
 *   - first sync into IndexedDB: total time, records, bytes, peak JS heap (sampled every 50 ms);
 *   - product search per keystroke: the search itself, and keystroke → results on screen;
 *   - cart re-pricing: a 200-line cart for a customer on a volume price list, each quantity
 *     keystroke (crossing price brackets) → the new total on screen;
 *   - cold start offline (new browser process, network off, hub gone) → first usable screen;
 *   - JavaScript shipped for the shell, gzip.
 * Targets: sync < 15 s, search < 50 ms per keystroke, re-pricing < 50 ms p95, cold start < 1 s,
 * shell JS < 60 KB gzip.
 * Loopback only; bounded in size (≤ 50,000 items, ≤ 10,000 customers) and time (--max-seconds).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { buildClient } from '../client/build';
import { emptyDetails } from '../client/src/order/draft';
import { BENCH_REP, startBenchHub } from './client-hub';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require('../scripts/lib/toolchain.cjs') as { findChromium(): string | undefined };

function args() {
  const out = { items: 50_000, customers: 10_000, groups: 0, 'max-seconds': 300 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m || !(m[1]! in out))
      throw new Error(
        `unknown argument ${argv[i]} (known: ${Object.keys(out)
          .map((k) => `--${k}`)
          .join(' ')})`,
      );
    const v = Number(m[2] ?? argv[++i]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${m[1]} needs a positive number`);
    (out as Record<string, number>)[m[1]!] = v;
  }
  out.items = Math.min(50_000, Math.floor(out.items));
  out.customers = Math.min(10_000, Math.floor(out.customers));
  out.groups = Math.min(Math.floor(out.items / 2), Math.floor(out.groups));
  return out;
}

const LAUNCH = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function launch(profile: string): Promise<{ browser: Browser; page: Page }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set PUPPETEER_EXECUTABLE_PATH');
  const browser = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH, userDataDir: profile });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport({ width: 1280, height: 900 });
  return { browser, page };
}

async function main(): Promise<void> {
  const o = args();
  const deadline = setTimeout(() => {
    console.error(`bench: gave up after ${o['max-seconds']} s`);
    process.exit(2);
  }, o['max-seconds'] * 1000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-client-bench-'));
  let browser: Browser | undefined;
  let hub: Awaited<ReturnType<typeof startBenchHub>> | undefined;
  try {
    const build = await buildClient({ outDir: path.join(tmp, 'dist'), log: () => undefined });
    hub = await startBenchHub({
      items: o.items,
      customers: o.customers,
      ...(o.groups ? { groups: o.groups } : {}),
      clientDir: build.outDir,
      log: (l) => console.log(l),
    });
    const profile = path.join(tmp, 'profile');
    let page: Page;
    ({ browser, page } = await launch(profile));

    // ---- first sync ----
    await page.goto(hub.url, { waitUntil: 'load' });
    await page.waitForSelector('input[name="email"]');
    await page.type('input[name="email"]', BENCH_REP.email);
    await page.type('input[name="password"]', BENCH_REP.password);
    let peakHeap = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const m = await page.metrics().catch(() => undefined);
        if (m?.JSHeapUsedSize) peakHeap = Math.max(peakHeap, m.JSHeapUsedSize);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const clicked = Date.now();
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => performance.getEntriesByName('satchel:sync').length > 0, { timeout: o['max-seconds'] * 1000, polling: 50 });
    await page.waitForSelector('[data-testid="customer-list"] li', { timeout: 30_000 });
    const usable = Date.now() - clicked;
    sampling = false;
    await sampler;
    const sync = await page.evaluate(() => {
      const m = performance.getEntriesByName('satchel:sync')[0] as PerformanceMeasure;
      return { duration: m.duration, ...(m.detail as { records: number; bytes: number; skipped: number; full: boolean }) };
    });
    const stored = await page.evaluate(async () => {
      const est = await navigator.storage.estimate();
      return est.usage ?? 0;
    });

    // ---- search per keystroke ----
    await page.goto(`${hub.url}/#/products`, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="product-list"] li', { timeout: 30_000 });
    const queries = ['sturdy oak shelf', 'SKU-4217', 'brass lamp 12', 'eco linen'];
    const endToEnd: number[] = [];
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        endToEnd.push(
          await page.evaluate(
            async (typed: string) => {
              const input = document.querySelector<HTMLInputElement>('[data-testid="product-search"]')!;
              const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
              const t0 = performance.now();
              Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, typed);
              input.dispatchEvent(new Event('input', { bubbles: true }));
              // Results on screen: the first row shows every word typed (or the list says none match).
              for (;;) {
                await new Promise((r) => requestAnimationFrame(r));
                const first = document.querySelector('[data-testid="product-list"] li')?.textContent?.toLowerCase() ?? '';
                if (words.every((w) => first.includes(w)) || document.querySelector('.empty')) return performance.now() - t0;
                if (performance.now() - t0 > 3000) return performance.now() - t0;
              }
            },
            q.slice(0, i),
          ),
        );
      }
    }
    const searchOnly = await page.evaluate(() => performance.getEntriesByName('satchel:search').map((e) => e.duration));

    // ---- cart re-pricing: 200 lines on a volume list, quantities typed across its brackets ----
    // tsx keeps function names with a __name helper the page does not have.
    await page.evaluate('globalThis.__name = (f) => f');
    await page.evaluateOnNewDocument('globalThis.__name = (f) => f');
    const cart = await page.evaluate(
      async (lines: number, details: ReturnType<typeof emptyDetails>) => {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const r = indexedDB.open('satchel');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        const scan = <T>(store: string, keep: (key: string, value: T) => boolean, want: number) =>
          new Promise<Array<[string, T]>>((ok, fail) => {
            const found: Array<[string, T]> = [];
            const r = db.transaction(store).objectStore(store).openCursor();
            r.onerror = () => fail(r.error);
            r.onsuccess = () => {
              const c = r.result;
              if (!c || found.length >= want) return ok(found);
              if (keep(String(c.key), c.value as T)) found.push([String(c.key), c.value as T]);
              c.continue();
            };
          });
        const priced = await scan<{ brackets?: unknown[] }>('prices', (_k, v) => (v.brackets?.length ?? 0) > 1, lines);
        const listId = priced[0]?.[0].split(':')[0];
        const [customer] = await scan<{ priceListId?: string }>('customers', (_k, v) => v.priceListId === listId, 1);
        if (!listId || !customer) return { lines: 0 };
        const draft = {
          kind: 'order',
          customerId: customer[0],
          lines: priced.map(([key]) => ({ itemId: key.split(':')[1], quantity: '1' })),
          details,
        };
        await new Promise((ok, fail) => {
          const tx = db.transaction('state', 'readwrite');
          tx.objectStore('state').put(draft, 'draft');
          tx.oncomplete = ok;
          tx.onerror = () => fail(tx.error);
        });
        db.close();
        return { lines: priced.length, itemIds: draft.lines.map((l) => l.itemId) };
      },
      200,
      emptyDetails(),
    );
    const repricing: number[] = [];
    if (cart.lines > 0) {
      await page.goto(`${hub.url}/#/cart`, { waitUntil: 'load' });
      await page.reload({ waitUntil: 'load' }); // the draft is read at start
      await page.waitForFunction((n: number) => document.querySelectorAll('[data-testid="cart-lines"] > li').length === n, { timeout: 30_000 }, cart.lines);
      await page.waitForFunction(() => !!document.querySelector('[data-testid="totals"]'), { timeout: 30_000 });
      // Typing "1", "12", "120", "1200" into lines across the cart: each keystroke moves the line's bracket.
      const typed = ['2', '12', '120', '1200', '5', '50', '500', '3'];
      for (let k = 0; k < 60; k++) {
        const itemId = cart.itemIds![(k * 37) % cart.lines]!;
        repricing.push(
          await page.evaluate(
            async (id: string, value: string) => {
              const input = document.querySelector<HTMLInputElement>(`#qty-${id}`)!;
              const totals = () => document.querySelector('[data-testid="totals"]')?.textContent ?? '';
              const before = totals();
              const t0 = performance.now();
              Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
              input.dispatchEvent(new Event('input', { bubbles: true }));
              for (;;) {
                await new Promise((r) => requestAnimationFrame(r));
                if (totals() !== before || performance.now() - t0 > 3000) return performance.now() - t0;
              }
            },
            itemId,
            typed[k % typed.length]!,
          ),
        );
      }
    }

    // ---- cold start offline: the same origin, with the hub gone ----
    const origin = hub.url;
    await browser.close();
    browser = undefined;
    await hub.close();
    hub = undefined;
    const cold: number[] = [];
    for (let run = 0; run < 3; run++) {
      ({ browser, page } = await launch(profile));
      await page.setOfflineMode(true);
      await page.evaluateOnNewDocument(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid="customer-list"] li')) {
            (window as unknown as { __usable: number }).__usable = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${origin}/#/customers`, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as unknown as { __usable?: number }).__usable !== undefined, { timeout: 10_000 });
      cold.push(await page.evaluate(() => (window as unknown as { __usable: number }).__usable));
      await browser.close();
      browser = undefined;
    }

    // ---- JavaScript shipped ----
    const js = build.files.filter((f) => f.file.endsWith('.js') && f.file !== 'sw.js');
    const shellJs = js.reduce((n, f) => n + f.gzipBytes, 0);
    const sw = build.files.find((f) => f.file === 'sw.js')!;

    console.log('');
    console.log(
      `Client bench: ${o.items.toLocaleString()} items, ${o.customers.toLocaleString()} customers (${sync.records.toLocaleString()} records with stock, prices and the rest)`,
    );
    console.log(`  first sync into IndexedDB    ${ms(sync.duration)}  (sign-in to first usable screen ${ms(usable)}; target < 15000 ms)`);
    console.log(`    records ${sync.records.toLocaleString()}, bytes ${mb(sync.bytes)} (decompressed), skipped ${sync.skipped}, storage used ${mb(stored)}`);
    console.log(`    peak JS heap                ${mb(peakHeap)}`);
    console.log(`  product search, ${searchOnly.length} keystrokes over ${o.items.toLocaleString()} items`);
    console.log(`    search itself               p50 ${ms(pct(searchOnly, 50))}  p95 ${ms(pct(searchOnly, 95))}  max ${ms(Math.max(...searchOnly))}`);
    console.log(
      `    keystroke → results shown   p50 ${ms(pct(endToEnd, 50))}  p95 ${ms(pct(endToEnd, 95))}  max ${ms(Math.max(...endToEnd))}  (target < 50 ms)`,
    );
    if (repricing.length) {
      console.log(`  cart re-pricing, ${cart.lines} lines on a volume price list, ${repricing.length} quantity keystrokes`);
      console.log(
        `    keystroke → new total shown p50 ${ms(pct(repricing, 50))}  p95 ${ms(pct(repricing, 95))}  max ${ms(Math.max(...repricing))}  (target < 50 ms)`,
      );
    } else console.log('  cart re-pricing: no volume price list in the catalogue (nothing measured)');
    console.log(`  cold start offline → usable  ${cold.map(ms).join(', ')}  (median ${ms(pct(cold, 50))}; target < 1000 ms)`);
    console.log(
      `  shell JavaScript (gzip)      ${kb(shellJs)} in ${js.length} files (${js.map((f) => `${f.file.replace('assets/', '')} ${kb(f.gzipBytes)}`).join(', ')}); service worker ${kb(sw.gzipBytes)}  (target < 60 KB)`,
    );
  } finally {
    clearTimeout(deadline);
    await browser?.close().catch(() => undefined);
    await hub?.close().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
