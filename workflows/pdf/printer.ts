/**
 * HTML → PDF with Chromium. One browser per worker process, launched on first use and relaunched if
 * it dies; a semaphore bounds concurrent renders so a burst of orders cannot exhaust the worker's
 * memory. Pages are kept warm: each render slot reuses a page of its own (opening a context and a
 * page was most of a render's cost: 3.37 PDFs/s, bench/pdf-render.ts), sealed once — JavaScript
 * off and every request refused but data: URLs, so a document can neither run script nor reach the
 * network, and so cannot leave anything behind for the next one — and reset to about:blank between
 * documents. A page that failed is thrown away, and each is replaced after PAGE_USES documents.
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

/** Documents one page prints before it is replaced by a new one (bounds whatever a renderer accumulates). */
export const PAGE_USES = 200;

interface WarmPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  uses: number;
}

/**
 * A new context with one page that runs no script and reaches no network: the document is
 * self-contained (inline CSS, data-URL images) and its CSP forbids any fetch, but the page does not
 * rely on the template for that.
 */
async function sealedPage(browser: Browser): Promise<WarmPage> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      // Embedded images and the blank page between documents; anything else (http, file, ws…) is refused.
      // A navigation away (a meta refresh, a frame) is answered 204 in the browser, which keeps the document where it is.
      const answer =
        url.startsWith('data:') || url === 'about:blank'
          ? request.continue()
          : request.isNavigationRequest()
            ? request.respond({ status: 204, body: '' })
            : request.abort('blockedbyclient');
      void answer.catch(() => undefined);
    });
    return { browser, context, page, uses: 0 };
  } catch (err) {
    await context.close().catch(() => undefined);
    throw err;
  }
}

async function printOn(page: Page, html: string, timeoutMs: number): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, timeout: timeoutMs });
  return Buffer.from(pdf);
}

export class PdfPrinter {
  private browser: Promise<Browser> | undefined;
  /** Sealed pages not printing right now, at most one per render slot. */
  private idle: WarmPage[] = [];
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
      const warm = await this.takePage(browser);
      let pdf: Buffer;
      try {
        pdf = await printOn(warm.page, html, this.timeoutMs);
      } catch (err) {
        await warm.context.close().catch(() => undefined); // a page that failed is not trusted again
        throw err;
      }
      await this.giveBack(warm);
      return pdf;
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  /** Renders in progress and waiting (for tests and metrics). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.queue.length };
  }

  private async takePage(browser: Browser): Promise<WarmPage> {
    for (let warm = this.idle.pop(); warm; warm = this.idle.pop()) {
      if (warm.browser === browser && !warm.page.isClosed()) return warm;
      await warm.context.close().catch(() => undefined); // from a browser that died
    }
    return sealedPage(browser);
  }

  /** Reset to a blank document and keep it for the next render, or close it once it has printed enough (or the printer is closing). */
  private async giveBack(warm: WarmPage): Promise<void> {
    warm.uses++;
    try {
      if (this.closed || warm.uses >= PAGE_USES) throw new Error('retire');
      await warm.page.goto('about:blank', { timeout: this.timeoutMs });
      this.idle.push(warm);
    } catch {
      await warm.context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    const idle = this.idle;
    this.browser = undefined;
    this.idle = [];
    await Promise.all(idle.map((warm) => warm.context.close().catch(() => undefined)));
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
            this.idle = [];
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
    return await printOn((await sealedPage(browser)).page, html, 30_000);
  } finally {
    await browser.close();
  }
}

/** The way before pages were kept warm, for the benchmark's before/after: a new sealed context and page per PDF on a shared browser. */
export async function printInFreshContext(browser: Browser, html: string): Promise<Buffer> {
  const fresh = await sealedPage(browser);
  try {
    return await printOn(fresh.page, html, 30_000);
  } finally {
    await fresh.context.close().catch(() => undefined);
  }
}
