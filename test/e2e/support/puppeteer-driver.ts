/** The Driver over a Puppeteer page (Chromium through CDP, Firefox through WebDriver BiDi). */
import type { Page } from 'puppeteer-core';
import type { Driver, Engine, PageArg } from './driver';

export function puppeteerDriver(page: Page, engine: Engine): Driver {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err instanceof Error ? err.message : String(err)));
  return {
    engine,
    emulatesOffline: engine === 'chromium',
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    evaluate: <A extends PageArg[], T>(fn: (...args: A) => T | Promise<T>, ...args: A) => page.evaluate(fn as (...a: unknown[]) => T, ...args) as Promise<T>,
    evaluateSource: (source) => page.evaluate(source),
    waitFor: async (fn, timeout, ...args) => void (await page.waitForFunction(fn as (...a: unknown[]) => unknown, { timeout, polling: 100 }, ...args)),
    click: (selector) => page.click(selector),
    async stroke(selector, points) {
      const el = await page.waitForSelector(selector);
      await el!.scrollIntoView();
      await new Promise((r) => setTimeout(r, 150)); // let the scroll settle before measuring
      const box = (await el!.boundingBox())!;
      const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
      await page.mouse.move(...at(points[0]!));
      await page.mouse.down();
      for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 3 });
      await page.mouse.up();
    },
    setOffline: async (off) => {
      if (engine === 'chromium') await page.setOfflineMode(off);
    },
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    errors: async () => [...errors],
  };
}
