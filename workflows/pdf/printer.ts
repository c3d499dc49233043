/**
 * HTML → PDF with Chromium. One browser per worker process, launched on first use and relaunched if
 * it dies; every PDF gets a fresh browser context (no cookies, cache or state shared between
 * customers' documents); a semaphore bounds concurrent renders so a burst of orders cannot exhaust
 * the worker's memory.
 */
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { findBrowser, NoBrowserError, type BrowserLookup } from './browser';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PrinterOptions {
  /**
   * The browser: a path, or a function giving the configured one (undefined: look for one). Read
   * again before each launch, so a browser installed or configured after start is picked up.
   * Default: PUPPETEER_EXECUTABLE_PATH as it is at that moment.
   */
  executablePath?: string | (() => string | undefined);
  /** Where to look when none is configured (tests narrow it). */
  lookup?: BrowserLookup;
  maxConcurrent?: number;
  /** Per render (page load + print). Default 30 s. */
  timeoutMs?: number;
}

/** The Chromium to print with: the one given, else PUPPETEER_EXECUTABLE_PATH (which the bootstrap sets to the one it found), else one on the machine. */
export function chromiumPath(explicit?: string, lookup?: BrowserLookup): string {
  return findBrowser(explicit ?? process.env.PUPPETEER_EXECUTABLE_PATH, lookup);
}

/** Launch, saying "no browser for PDFs" when the one found does not start (not a browser, missing libraries). */
async function launch(executablePath: string): Promise<Browser> {
  try {
    return await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new NoBrowserError(
      `${executablePath} did not start (${(err as Error).message.split('\n')[0]}); install Chromium (apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH to a working one`,
    );
  }
}

interface FreshPage {
  context: BrowserContext;
  page: Page;
}

/** A new, empty browser context with one page: nothing in it from any earlier document. */
async function freshPage(browser: Browser): Promise<FreshPage> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    // The document is self-contained (inline CSS, data-URL images) and its CSP forbids any fetch;
    // it needs no script either.
    await page.setJavaScriptEnabled(false);
    return { context, page };
  } catch (err) {
    await context.close().catch(() => undefined);
    throw err;
  }
}

async function printOn(browser: Browser, html: string, timeoutMs: number, fresh?: FreshPage): Promise<Buffer> {
  const { context, page } = fresh ?? (await freshPage(browser));
  try {
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, timeout: timeoutMs });
    return Buffer.from(pdf);
  } finally {
    await context.close().catch(() => undefined);
  }
}

export class PdfPrinter {
  private browser: Promise<Browser> | undefined;
  /**
   * Unused contexts opened ahead, one per render slot, while other PDFs print: opening a page (a
   * renderer process) is most of a render's cost. Each is used once, never reused.
   */
  private spares: Array<Promise<FreshPage>> = [];
  private active = 0;
  /** Once closed (the worker is shutting down), a late render must not launch a new browser. */
  private closed = false;
  private readonly queue: Array<() => void> = [];
  private readonly executablePath: () => string | undefined;
  private readonly lookup: BrowserLookup | undefined;
  readonly maxConcurrent: number;
  private readonly timeoutMs: number;

  constructor(options: PrinterOptions = {}) {
    const configured = options.executablePath;
    // Nothing is checked here: a worker without a browser starts, and its PDF step waits (retrying) for one.
    this.executablePath = typeof configured === 'function' ? configured : () => configured ?? process.env.PUPPETEER_EXECUTABLE_PATH;
    this.lookup = options.lookup;
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? 2);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async print(html: string): Promise<Buffer> {
    await this.slot();
    try {
      const browser = await this.shared();
      const fresh = await this.takeSpare(browser);
      return await printOn(browser, html, this.timeoutMs, fresh);
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  /** Renders in progress and waiting (for tests and metrics). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.queue.length };
  }

  private async takeSpare(browser: Browser): Promise<FreshPage> {
    const ready = this.spares.shift();
    // Keep one spare per slot: a burst of orders finds its pages already open.
    while (this.spares.length < this.maxConcurrent) {
      const spare = freshPage(browser);
      spare.catch(() => undefined); // a failed spare is replaced by a new page when taken
      this.spares.push(spare);
    }
    return ready ? ready.catch(() => freshPage(browser)) : freshPage(browser);
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    const spares = this.spares;
    this.browser = undefined;
    this.spares = [];
    await Promise.all(spares.map(async (spare) => (await spare.catch(() => undefined))?.context.close().catch(() => undefined)));
    if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
  }

  private slot(): Promise<void> {
    if (this.active < this.maxConcurrent) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.queue.push(() => {
        this.active++;
        resolve();
      }),
    );
  }

  private shared(): Promise<Browser> {
    if (this.closed) return Promise.reject(new Error('the PDF printer is closed (the worker is shutting down)'));
    if (!this.browser) {
      let launching: Promise<Browser>;
      try {
        launching = launch(findBrowser(this.executablePath(), this.lookup));
      } catch (err) {
        return Promise.reject(err as Error); // no browser yet: this render fails, the next one looks again
      }
      this.browser = launching;
      launching.then(
        (b) =>
          b.once('disconnected', () => {
            if (this.browser !== launching) return;
            this.browser = undefined; // crashed: the next render relaunches
            this.spares = [];
          }),
        () => {
          if (this.browser === launching) this.browser = undefined;
        },
      );
    }
    return this.browser;
  }
}

/** The naive way, for the benchmark's comparison: a whole browser per PDF. */
export async function printWithOwnBrowser(html: string, executablePath?: string): Promise<Buffer> {
  const browser = await launch(chromiumPath(executablePath));
  try {
    return await printOn(browser, html, 30_000);
  } finally {
    await browser.close();
  }
}
