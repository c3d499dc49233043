/**
 * One small interface over a browser tab, so the end-to-end scenarios run unchanged in Chromium and
 * Firefox (Puppeteer) and in WebKit (WebDriver): navigation, script in the page, waiting on a
 * condition in the page, a real click, a pointer stroke, and offline emulation where the engine has it.
 */
export type Engine = 'chromium' | 'firefox' | 'webkit';

/** JSON-compatible values only: they cross into the page. */
export type PageArg = string | number | boolean | null | PageArg[] | { [k: string]: PageArg };

export interface Driver {
  readonly engine: Engine;
  /** navigator.onLine can be made false (Chromium's emulation). Elsewhere only the proxy cuts the hub off. */
  readonly emulatesOffline: boolean;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Run `fn` in the page (it must be self-contained: it is sent as source). */
  evaluate<A extends PageArg[], T>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
  /** Run script text in the page, bypassing the page's CSP the way automation does (e.g. injecting axe-core). */
  evaluateSource(source: string): Promise<unknown>;
  /** Resolve when `fn` returns something truthy in the page; reject after `timeout` ms. */
  waitFor<A extends PageArg[]>(fn: (...args: A) => unknown, timeout: number, ...args: A): Promise<void>;
  /** A real (trusted) click on the first element matching `selector`. */
  click(selector: string): Promise<void>;
  /** Press, move through `points` (fractions of the element's box), release: a finger on the element. */
  stroke(selector: string, points: Array<[number, number]>): Promise<void>;
  setOffline(off: boolean): Promise<void>;
  screenshot(file: string): Promise<void>;
  /** Uncaught errors the page reported so far. */
  errors(): Promise<string[]>;
}
