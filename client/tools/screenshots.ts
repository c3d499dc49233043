/**
 * Screenshots of the main screens at 320, 390, 768 and 1024 px (small phone, phone, tablet,
 * desktop), from the real app against a real hub (bench/client-hub.ts, a 2,000-item catalogue),
 * in headless Chromium.
 *
 *   npx tsx client/tools/screenshots.ts [outDir]      (default: dist/screenshots)
 *
 * Writes <width>-<screen>.png for: sign-in, customers, new customer, products, cart (with the
 * form's complaints, then fixed, with discounts), order details with a signature, the hub
 * unreachable, pre-flight's warnings when the order has any, orders
 * (on the device, then at the hub), the menu. Each screen is also checked with axe-core at each
 * width; the violations by impact are printed at the end. Loopback only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { buildClient } from '../build';
import { BENCH_REP, startBenchHub } from '../../bench/client-hub';
import { AxeLog } from '../../test/e2e/support/axe';
import { puppeteerDriver } from '../../test/e2e/support/puppeteer-driver';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require('../../scripts/lib/toolchain.cjs') as { findChromium(): string | undefined };

/** name: the width in px, in every file name. Phones get the screen as seen; wider, the whole page. */
const WIDTHS = [
  { name: '320', width: 320, height: 640, scale: 2, phone: true },
  { name: '390', width: 390, height: 844, scale: 2, phone: true },
  { name: '768', width: 768, height: 1024, scale: 1, phone: false },
  { name: '1024', width: 1024, height: 768, scale: 1, phone: false },
];

async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.$eval(
    selector,
    (el, v) => {
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}

async function clickText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    (s: string, t: string) => [...document.querySelectorAll(s)].some((e) => e.textContent?.includes(t)),
    { timeout: 15_000 },
    selector,
    text,
  );
  await page.evaluate(
    (s: string, t: string) => [...document.querySelectorAll<HTMLElement>(s)].find((e) => e.textContent?.includes(t))!.click(),
    selector,
    text,
  );
}

const settle = () => new Promise((r) => setTimeout(r, 350));

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '../../dist/screenshots'));
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-shots-'));
  const build = await buildClient({ outDir: path.join(tmp, 'dist'), log: () => undefined });
  const hub = await startBenchHub({ items: 2000, customers: 300, clientDir: build.outDir });
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set PUPPETEER_EXECUTABLE_PATH');
  const written: string[] = [];
  const axe = new AxeLog();
  try {
    for (const w of WIDTHS) {
      const browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
        userDataDir: path.join(tmp, w.name),
      });
      try {
        const page = (await browser.pages())[0] ?? (await browser.newPage());
        await page.setViewport({ width: w.width, height: w.height, deviceScaleFactor: w.scale });
        const driver = puppeteerDriver(page, 'chromium');
        const shot = async (name: string, fullPage = false) => {
          await axe.check(driver, `${w.name}px ${name}`);
          await page.evaluate(() => scrollTo(0, 0)); // a sticky header would be drawn mid-page
          await settle();
          const file = path.join(outDir, `${w.name}-${name}.png`);
          // Whole pages at desktop width; on a phone, the screen as the rep sees it (a full-page
          // capture would paint the fixed tab bar mid-page).
          await page.screenshot({ path: file, fullPage: fullPage && !w.phone });
          written.push(file);
        };

        await page.goto(hub.url, { waitUntil: 'load' });
        await page.waitForSelector('input[name="email"]');
        await shot('sign-in');
        await fill(page, 'input[name="email"]', BENCH_REP.email);
        await fill(page, 'input[name="password"]', BENCH_REP.password);
        await clickText(page, 'button', 'Sign in');
        await page.waitForSelector('[data-testid="customer-list"] li', { timeout: 60_000 });
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
        await shot('customers');

        await page.click('button[aria-label="Menu"]');
        await shot('menu');
        await page.click('button[aria-label="Menu"]');

        await page.goto(`${hub.url}/#/customers/new`);
        await fill(page, 'input[name="name"]', 'Lakeside Bakery');
        await fill(page, 'input[name="email"]', 'not-an-email');
        await clickText(page, 'button', 'Save customer');
        await shot('new-customer');

        await page.goto(`${hub.url}/#/customers`);
        await page.waitForSelector('[data-testid="customer-list"] li .row-main');
        await page.click('[data-testid="customer-list"] li .row-main');
        await fill(page, '[data-testid="product-search"]', 'oak');
        await page.waitForSelector('[data-testid="product-list"] li [data-testid="price"]');
        // Centre each button before the click: at 320 x 640 the third row sits under the fixed tab bar.
        const add = async (n: number) => {
          const button = (await page.waitForSelector(`[data-testid="product-list"] li:nth-child(${n}) button.add`))!;
          await button.evaluate((b) => b.scrollIntoView({ block: 'center' }));
          await button.click();
        };
        for (const n of [1, 2, 3, 1]) await add(n);
        await shot('products');

        await page.goto(`${hub.url}/#/cart`);
        await page.waitForSelector('.cart-line input[name="quantity"]');
        await fill(page, '.cart-line:nth-child(2) input[name="quantity"]', '0');
        await fill(page, '.cart-line:nth-child(3) input[name="quantity"]', 'two');
        await fill(page, '.cart-line:nth-child(1) input[name^="discount-"]', '150');
        await clickText(page, 'button', 'Create Order');
        await shot('cart-problems', true);
        await fill(page, '.cart-line:nth-child(2) input[name="quantity"]', '4');
        await fill(page, '.cart-line:nth-child(3) input[name="quantity"]', '2');
        await fill(page, '.cart-line:nth-child(1) input[name^="discount-"]', '10');
        await fill(page, '#order-discount', '5');
        await shot('cart', true);

        await clickText(page, 'button', 'Next');
        await page.waitForSelector('input[name="deliveryDate"]');
        await clickText(page, '.chips button', 'Delivery');
        await page.select('.form select', 'Bank transfer');
        await fill(page, 'input[name="deliveryDate"]', new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
        await fill(page, 'input[name="contactPerson"]', 'Dana Buyer');
        const pad = (await page.$('[data-testid="signature-pad"]'))!;
        await pad.scrollIntoView();
        const box = (await pad.boundingBox())!;
        await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
        await page.mouse.down();
        for (let i = 1; i <= 24; i++)
          await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 24), box.y + box.height * (0.5 + 0.3 * Math.sin(i / 2)), { steps: 2 });
        await page.mouse.up();
        await shot('details', true);

        // The hub unreachable with the network up: the pill says so (not "Online").
        hub.setReachable(false);
        await page.waitForFunction(() => document.querySelector('[data-testid="online-status"]')?.textContent?.includes('Hub unreachable'), {
          timeout: 30_000,
        });
        await shot('hub-unreachable');
        // Created offline: it waits on the device; then it is sent.
        await page.setOfflineMode(true);
        await clickText(page, 'button[type="submit"]', 'Create Order');
        // Pre-flight may warn (the bench catalogue's stock): shown once, then sent anyway.
        await page.waitForSelector('[data-testid="flash"], [data-testid="preflight"]');
        if (await page.$('[data-testid="preflight"]')) {
          await shot('preflight', true);
          await clickText(page, 'button', 'Send anyway');
        }
        await page.waitForSelector('[data-testid="flash"]');
        await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-doc-id]')?.dataset.status === 'device');
        await shot('orders-on-device');
        hub.setReachable(true);
        await page.setOfflineMode(false);
        await page
          .waitForFunction(() => [...document.querySelectorAll<HTMLElement>('[data-doc-id]')].every((e) => e.dataset.status !== 'device'), { timeout: 30_000 })
          .catch(() => undefined);
        await shot('orders');
      } finally {
        await browser.close();
      }
    }
  } finally {
    await hub.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(axe.summary());
  for (const line of axe.blocking()) console.log(`  ${line}`);
  console.log(`${written.length} screenshots in ${path.relative(process.cwd(), outDir) || outDir}:`);
  for (const f of written) console.log(`  ${path.basename(f)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
