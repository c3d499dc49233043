/** Launching Chromium or Firefox (Puppeteer) on a profile that survives a restart, and UI helpers. */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require('../../../scripts/lib/toolchain.cjs') as { findChromium(): string | undefined };

export type BrowserName = 'chromium' | 'firefox';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface Session {
  browser: Browser;
  page: Page;
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
  return { browser, page, errors };
}

export const waitForText = (page: Page, selector: string, text: string, timeout = 20_000) =>
  page.waitForFunction(
    (s: string, t: string) => [...document.querySelectorAll(s)].some((el) => el.textContent?.includes(t)),
    { timeout, polling: 100 },
    selector,
    text,
  );

/** Click the first element matching `selector` whose text contains `text`. */
export async function clickText(page: Page, selector: string, text: string, timeout = 20_000): Promise<void> {
  await waitForText(page, selector, text, timeout);
  await page.evaluate(
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
export async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector, { timeout: 20_000 });
  await page.evaluate(
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

/** Draw a zig-zag on the signature pad with the mouse (pointer events, as a finger would). */
export async function sign(page: Page): Promise<void> {
  // A stroke can miss when the screen moves under the pointer (a background sync re-rendering,
  // a banner appearing): draw again, as a person would, up to three times.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const pad = await page.waitForSelector('[data-testid="signature-pad"]');
    await pad!.scrollIntoView();
    await new Promise((r) => setTimeout(r, 150)); // let the scroll settle before measuring
    const box = (await pad!.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 12), box.y + (i % 2 ? 15 : box.height - 15), { steps: 3 });
    await page.mouse.up();
    const signed = await page
      .waitForFunction(() => document.querySelector('[data-testid="signature-pad"]')?.getAttribute('aria-label')?.includes('signed'), { timeout: 2000 })
      .then(
        () => true,
        () => false,
      );
    if (signed) return;
  }
  throw new Error('the signature pad did not take a signature after three strokes');
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.waitForSelector('input[name="email"]', { timeout: 30_000 });
  await fill(page, 'input[name="email"]', email);
  await fill(page, 'input[name="password"]', password);
  await clickText(page, 'button', 'Sign in');
}

/** Where each document on the device is: id → data-status (device, hub, zoho, emailed, attention). */
export function docStatuses(page: Page): Promise<Record<string, { status: string; kind: string; text: string }>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('[data-doc-id]')].map((el) => [
        el.dataset.docId!,
        { status: el.dataset.status!, kind: el.dataset.kind!, text: el.innerText },
      ]),
    ),
  );
}
