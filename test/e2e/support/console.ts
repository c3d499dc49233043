/**
 * What the console's browser tests share: the demo accounts, the whole stack with a Chromium
 * beside it, and a person's way of signing in and typing into the console's forms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { DEMO_USERS } from '../../../hub/auth/users';
import { launch, type Session } from './browser';
import { startStack, type RunningStack, type StackPorts } from './stack';

export interface Account {
  email: string;
  password: string;
}

const demo = (email: string): Account => {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return { email: user.email, password: user.password };
};

/** The demo accounts the stack creates (sandbox mode). */
export const ADMIN = demo('admin@satchel.local');
export const SUPPORT = demo('support@satchel.local');
export const REP = demo('rep@satchel.local');

export interface ConsoleRig {
  stack: RunningStack;
  session: Session;
  /** Closes the browser, stops the stack, removes the browser profile. */
  stop(): Promise<void>;
}

/** The stack on `ports` (with `env`), and Chromium at `viewport`; `name` names the temporary profile folder. */
export async function startConsoleRig(
  name: string,
  ports: StackPorts,
  env: Record<string, string>,
  viewport: { width: number; height: number },
): Promise<ConsoleRig> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `satchel-e2e-${name}-`));
  let stack: RunningStack | undefined;
  let session: Session | undefined;
  const stop = async () => {
    await session?.browser.close().catch(() => undefined);
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    stack = await startStack(ports, env);
    session = await launch('chromium', path.join(tmp, 'chromium'), viewport);
  } catch (err) {
    await stop();
    throw err;
  }
  return { stack, session, stop };
}

/** Signs in at /console/ as `who` (after clearing the cookies: whoever was signed in is not) and waits for the menu. */
export async function signInToConsole(page: Page, hubUrl: string, who: Account): Promise<void> {
  const client = await page.createCDPSession();
  await client.send('Network.clearBrowserCookies');
  await page.goto(`${hubUrl}/console/`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('input[name="email"]');
  await page.type('input[name="email"]', who.email);
  await page.type('input[name="password"]', who.password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('nav a');
}

/** Replaces the text of the field at `selector` by typing: select all, delete, type. */
export async function retype(page: Page, selector: string, text: string): Promise<void> {
  const el = await page.waitForSelector(selector);
  await el!.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await el!.type(text);
}
