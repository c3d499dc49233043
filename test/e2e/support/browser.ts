/**
 * Launching Chromium or Firefox (Puppeteer) on a profile that survives a restart, and the UI helpers
 * the scenarios use. The helpers take a Driver (driver.ts), so they work in WebKit too, or a
 * Puppeteer page as the console tests pass.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Driver } from './driver';
import { puppeteerDriver } from './puppeteer-driver';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require('../../../scripts/lib/toolchain.cjs') as { findChromium(): string | undefined };

export type BrowserName = 'chromium' | 'firefox';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface Session {
  browser: Browser;
  page: Page;
  driver: Driver;
  errors: string[];
}

export async function launch(name: BrowserName, profileDir: string, viewport = { width: 390, height: 800 }): Promise<Session> {
  const browser =
    name === 'chromium'
      ? await puppeteer.launch({
          executablePath:
            findChromium() ??
            (() => {
              throw new Error('No Chromium: set PUPPETEER_EXECUTABLE_PATH');
            })(),
          headless: true,
          userDataDir: profileDir,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        })
      : await puppeteer.launch({
          browser: 'firefox',
          executablePath: FIREFOX,
          headless: true,
          userDataDir: profileDir,
          extraPrefsFirefox: {
            // Service workers on plain http://127.0.0.1 (a secure context) in an automated profile.
            'dom.serviceWorkers.enabled': true,
            'dom.serviceWorkers.testing.enabled': true,
            'browser.cache.offline.enable': true,
          },
        });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport(viewport);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err instanceof Error ? err.message : String(err)));
  return { browser, page, driver: puppeteerDriver(page, name), errors };
}

const drivers = new WeakMap<Page, Driver>();
function driverOf(d: Driver | Page): Driver {
  if ('engine' in d) return d;
  let made = drivers.get(d);
  if (!made) drivers.set(d, (made = puppeteerDriver(d, 'chromium')));
  return made;
}

export const waitForText = (d: Driver | Page, selector: string, text: string, timeout = 20_000) =>
  driverOf(d).waitFor((s: string, t: string) => [...document.querySelectorAll(s)].some((el) => el.textContent?.includes(t)), timeout, selector, text);

export const waitForSelector = (d: Driver | Page, selector: string, timeout = 20_000) =>
  driverOf(d).waitFor((s: string) => document.querySelector(s), timeout, selector);

/** Click the first element matching `selector` whose text contains `text`. */
export async function clickText(d: Driver | Page, selector: string, text: string, timeout = 20_000): Promise<void> {
  await waitForText(d, selector, text, timeout);
  await driverOf(d).evaluate(
    (s: string, t: string) => {
      const el = [...document.querySelectorAll<HTMLElement>(s)].find((e) => e.textContent?.includes(t) && !(e as HTMLButtonElement).disabled);
      if (!el) throw new Error(`no enabled ${s} with "${t}"`);
      el.click();
    },
    selector,
    text,
  );
}

/** Set an input's value the way typing would (an input event Preact sees). */
export async function fill(d: Driver | Page, selector: string, value: string): Promise<void> {
  await waitForSelector(d, selector);
  await driverOf(d).evaluate(
    (s: string, v: string) => {
      const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(s)!;
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    selector,
    value,
  );
}

const isSigned = () => document.querySelector('[data-testid="signature-pad"]')?.getAttribute('aria-label')?.includes('signed');

/** Draw a zig-zag on the signature pad (pointer events, as a finger would). */
export async function sign(d: Driver | Page): Promise<void> {
  const driver = driverOf(d);
  const zigzag: Array<[number, number]> = Array.from({ length: 13 }, (_, i) => [0.05 + (i * 0.9) / 12, i === 0 ? 0.5 : i % 2 ? 0.15 : 0.85]);
  // A stroke can miss when the screen moves under the pointer (a background sync re-rendering,
  // a banner appearing): draw again, as a person would, up to three times.
  for (let attempt = 1; attempt <= 3; attempt++) {
    await waitForSelector(driver, '[data-testid="signature-pad"]');
    await driver.stroke('[data-testid="signature-pad"]', zigzag);
    const signed = await driver.waitFor(isSigned, 2000).then(
      () => true,
      () => false,
    );
    if (signed) return;
  }
  throw new Error('the signature pad did not take a signature after three strokes');
}

export async function signIn(d: Driver | Page, email: string, password: string): Promise<void> {
  await waitForSelector(d, 'input[name="email"]', 30_000);
  await fill(d, 'input[name="email"]', email);
  await fill(d, 'input[name="password"]', password);
  await clickText(d, 'button', 'Sign in');
}

/** Where each document on the device is: id → data-status (device, hub, zoho, emailed, attention). */
export function docStatuses(d: Driver | Page): Promise<Record<string, { status: string; kind: string; text: string }>> {
  return driverOf(d).evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('[data-doc-id]')].map((el) => [
        el.dataset.docId!,
        { status: el.dataset.status!, kind: el.dataset.kind!, text: el.innerText },
      ]),
    ),
  );
}
