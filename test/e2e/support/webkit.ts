/**
 * WebKit for the end-to-end tests: WebKitWebDriver (Debian's webkit2gtk-driver) driving MiniBrowser
 * under a virtual X server (xvfb-run), through selenium-webdriver talking to the driver we start
 * (so nothing is downloaded). Its process gets the locale we name: under C.UTF-8 WebKit reports
 * navigator.language "C", which is not a BCP 47 tag, exactly what the app must survive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Builder, By, type WebDriver } from 'selenium-webdriver';
import type { Driver, PageArg } from './driver';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB_RUN = '/usr/bin/xvfb-run';

/** Why WebKit cannot run here, or undefined when it can. */
export function webkitMissing(): string | undefined {
  if (!fs.existsSync(WEBKIT_DRIVER)) return `no ${WEBKIT_DRIVER} (apt-get install webkit2gtk-driver, or WEBKIT_DRIVER_PATH)`;
  if (!fs.existsSync(MINIBROWSER)) return `no ${MINIBROWSER} (apt-get install webkit2gtk-driver, or MINIBROWSER_PATH)`;
  if (!process.env.DISPLAY && !fs.existsSync(XVFB_RUN)) return 'no DISPLAY and no xvfb-run (apt-get install xvfb)';
  return undefined;
}

export interface WebKitBrowser {
  driver: Driver;
  webdriver: WebDriver;
  /** Close the tab and open the app in a new one (MiniBrowser's automation profile lives as long as the browser). */
  reopen(url: string): Promise<void>;
  close(): Promise<void>;
}

async function waitForPort(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited:\n${log()}`);
    const ok = await fetch(`${url}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on ${url}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function launchWebKit(opts: { port: number; viewport: { width: number; height: number }; locale?: string }): Promise<WebKitBrowser> {
  const locale = opts.locale ?? 'C.UTF-8';
  const args = [`--port=${opts.port}`, '--host=127.0.0.1'];
  const [cmd, cmdArgs] = process.env.DISPLAY ? [WEBKIT_DRIVER, args] : [XVFB_RUN, ['-a', '-s', '-screen 0 1280x1024x24', WEBKIT_DRIVER, ...args]];
  const child = spawn(cmd, cmdArgs, {
    env: { ...process.env, LANG: locale, LC_ALL: locale, LANGUAGE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: xvfb-run, Xvfb, the driver and MiniBrowser go together
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${opts.port}`;
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForPort(url, child, () => log);
    const webdriver = await new Builder()
      .usingServer(url)
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    await webdriver.manage().setTimeouts({ script: 120_000, pageLoad: 60_000 });
    await webdriver.manage().window().setRect({ width: opts.viewport.width, height: opts.viewport.height, x: 0, y: 0 });
    return {
      driver: webdriverDriver(webdriver),
      webdriver,
      async reopen(to) {
        const old = await webdriver.getWindowHandle();
        await webdriver.switchTo().newWindow('tab');
        const fresh = await webdriver.getWindowHandle();
        await webdriver.switchTo().window(old);
        await webdriver.close();
        await webdriver.switchTo().window(fresh);
        await webdriver.get(to);
      },
      async close() {
        await webdriver.quit().catch(() => undefined);
        kill();
      },
    };
  } catch (err) {
    kill();
    throw err;
  }
}

/** Installed after each navigation: uncaught errors, kept for errors(). */
const COLLECT_ERRORS = `
  if (!window.__e2eErrors) {
    window.__e2eErrors = [];
    addEventListener('error', (e) => window.__e2eErrors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => window.__e2eErrors.push(String(e.reason && e.reason.message || e.reason)));
  }`;

export function webdriverDriver(wd: WebDriver): Driver {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const evaluate = async <A extends PageArg[], T>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T> => {
    const script = `const done = arguments[arguments.length - 1];
      const args = Array.prototype.slice.call(arguments, 0, -1);
      Promise.resolve().then(() => (${fn.toString()}).apply(null, args)).then(
        (v) => done({ ok: true, v: v === undefined ? null : v }),
        (e) => done({ ok: false, e: String((e && e.message) || e) }));`;
    const r = (await wd.executeAsyncScript(script, ...args)) as { ok: boolean; v?: T; e?: string };
    if (!r.ok) throw new Error(`in the page: ${r.e}`);
    return (r.v ?? undefined) as T;
  };
  return {
    engine: 'webkit',
    emulatesOffline: false,
    async goto(url) {
      await wd.get(url);
      await wd.executeScript(COLLECT_ERRORS);
    },
    async reload() {
      await wd.navigate().refresh();
      await wd.executeScript(COLLECT_ERRORS);
    },
    evaluate,
    evaluateSource: (source) => wd.executeScript(source),
    async waitFor(fn, timeout, ...args) {
      const deadline = Date.now() + timeout;
      const script = `return !!((${fn.toString()}).apply(null, arguments));`;
      let last: unknown;
      for (;;) {
        try {
          if (await wd.executeScript(script, ...args)) return;
        } catch (err) {
          last = err; // a navigation in progress: ask again
        }
        if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${fn.toString().slice(0, 200)}${last ? ` (last error: ${String(last)})` : ''}`);
        await sleep(100);
      }
    },
    async click(selector) {
      const el = await wd.findElement(By.css(selector));
      await wd.executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
      await el.click();
    },
    async stroke(selector, points) {
      const el = await wd.findElement(By.css(selector));
      await wd.executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
      await sleep(150);
      const rect = await el.getRect();
      // Offsets from the element's centre, as WebDriver's pointer actions take them.
      const at = ([x, y]: [number, number]) => ({ origin: el, x: Math.round((x - 0.5) * rect.width), y: Math.round((y - 0.5) * rect.height) });
      const actions = wd.actions({ async: true }).move(at(points[0]!)).press();
      for (const p of points.slice(1)) actions.move({ ...at(p), duration: 20 });
      await actions.release().perform();
    },
    setOffline: async () => undefined,
    async screenshot(file) {
      fs.writeFileSync(file, Buffer.from(await wd.takeScreenshot(), 'base64'));
    },
    errors: async () => ((await wd.executeScript('return window.__e2eErrors || []').catch(() => [])) as string[]) ?? [],
  };
}
