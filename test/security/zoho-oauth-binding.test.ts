/**
 * The Zoho OAuth state is bound to the admin's browser: a callback URL that leaks (or one an
 * attacker plants with their own code) finishes nothing in another browser, and repeated query
 * parameters at the callback are refused. Against the real sandbox, on SQLite and PostgreSQL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { loadConfig, SANDBOX_DEMO, type Config } from '../../config';
import { createApp } from '../../hub/app';
import type { Auth } from '../../hub/auth';
import { createZohoConnectionService } from '../../hub/services/zoho-connection-service';
import { secretBox } from '../../server/secrets/secret-key';
import { createZoho } from '../../server/zoho';
import { createApiCallCounter } from '../../server/zoho/api-call-counter';
import { startSandbox, type RunningSandbox } from '../../zoho/testing';
import request from 'supertest';
import { CSRF_VALUE } from '../../hub/auth';
import { agentFor, createUser, PASSWORD, testAuth, type Agent } from '../support/auth';
import { DIALECTS } from '../support/databases';
import { openOrderStack, type OrderStack } from '../support/order-stack';

const PUBLIC_URL = 'http://127.0.0.1:3998'; // only the redirect URI's value

describe.each(DIALECTS)('Zoho OAuth bound to the browser on %s', (dialect) => {
  let stack: OrderStack;
  let sandbox: RunningSandbox;
  let auth: Auth;
  let config: Config;
  let dataDir: string;
  const apps: Record<'plain' | 'https', Express> = {} as never;
  let admin: Agent;

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'oauth-bind');
    sandbox = await startSandbox();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-oauth-bind-'));
    config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PUBLIC_URL,
      ZOHO_ACCOUNTS_URL: sandbox.url,
      ZOHO_API_URL: sandbox.url,
      SATCHEL_SECRET_KEY: crypto.randomBytes(32).toString('base64'),
    });
    auth = testAuth(stack.db);
    const counter = createApiCallCounter(stack.db);
    const zoho = createZoho(config, stack.db, 'hub', counter);
    const zohoConnection = createZohoConnectionService({
      db: stack.db,
      defaults: config.zoho,
      box: secretBox(config),
      publicUrl: PUBLIC_URL,
      audit: auth.audit,
      counter,
      zoho: () => zoho.current(),
    });
    apps.plain = createApp({ auth, orders: stack.orders, readiness: {}, zohoConnection });
    apps.https = createApp({ auth, orders: stack.orders, readiness: {}, zohoConnection, secureCookies: true });
    admin = await agentFor(apps.plain, await createUser(auth, 'admin'));
    await admin
      .put('/api/zoho/connection')
      .send({
        dataCentre: 'sandbox',
        organizationId: SANDBOX_DEMO.organizationId,
        product: 'inventory',
        clientId: SANDBOX_DEMO.clientId,
        clientSecret: SANDBOX_DEMO.clientSecret,
      })
      .expect(200);
  });

  afterAll(async () => {
    await sandbox?.close();
    await stack?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const cookieOf = (setCookie: unknown) => ([setCookie ?? []].flat() as string[]).find((c) => c.startsWith('satchel_oauth='));

  /** The admin starts; Zoho's consent page sends back to the callback URL (code + state). */
  async function startAndConsent(agent: Agent = admin): Promise<{ callback: URL; cookie: string; setCookie: string }> {
    const start = await agent.get('/api/zoho/oauth/start').expect(302);
    const setCookie = cookieOf(start.headers['set-cookie'])!;
    const back = await fetch(new URL(start.headers.location!), { redirect: 'manual' });
    return { callback: new URL(back.headers.get('location')!), cookie: setCookie.split(';')[0]!, setCookie };
  }

  const outcomeOf = (location: string) => new URLSearchParams(new URL(location, PUBLIC_URL).hash.split('?')[1]);
  const status = async () => (await admin.get('/api/zoho/connection').expect(200)).body.connection.saved.status as string;

  it('sets a short-lived HttpOnly, SameSite=Lax cookie for the OAuth paths (Secure on HTTPS)', async () => {
    const { setCookie } = await startAndConsent();
    expect(setCookie).toMatch(/; Max-Age=600;/);
    expect(setCookie).toMatch(/; Path=\/api\/zoho\/oauth;/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).not.toMatch(/; Secure/);
    // Behind TLS (PUBLIC_URL https): the session cookie is Secure, so it is handed over by hand here.
    const user = await createUser(auth, 'admin');
    const login = await request(apps.plain)
      .post('/api/auth/login')
      .set('X-Requested-With', CSRF_VALUE)
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    const session = String(login.headers['set-cookie']).split(';')[0]!;
    const secure = cookieOf((await request(apps.https).get('/api/zoho/oauth/start').set('Cookie', session).expect(302)).headers['set-cookie'])!;
    expect(secure).toMatch(/; Secure/);
  });

  it("refuses the callback in a browser without the cookie, without using up the admin's state", async () => {
    const { callback, cookie } = await startAndConsent();
    // The callback URL in another browser (leaked through history, a log, a referrer; or planted by an attacker).
    const elsewhere = await (await agentFor(apps.plain)).get(callback.pathname + callback.search).expect(302);
    expect(outcomeOf(elsewhere.headers.location!).get('oauth')).toBe('failed');
    expect(outcomeOf(elsewhere.headers.location!).get('message')).toMatch(/started in another browser/);
    const wrong = await (
      await agentFor(apps.plain)
    )
      .get(callback.pathname + callback.search)
      .set('Cookie', 'satchel_oauth=guessed')
      .expect(302);
    expect(outcomeOf(wrong.headers.location!).get('message')).toMatch(/started in another browser/);
    expect(await status()).toBe('needs_authorization');

    // The admin's own browser still finishes, and the cookie is cleared.
    const done = await (
      await agentFor(apps.plain)
    )
      .get(callback.pathname + callback.search)
      .set('Cookie', cookie)
      .expect(302);
    expect(outcomeOf(done.headers.location!).get('oauth')).toBe('connected');
    expect(String(done.headers['set-cookie'])).toMatch(/satchel_oauth=;/);
    expect(await status()).toBe('active');
  });

  it("refuses a state started by one admin and finished with another start's cookie", async () => {
    const first = await startAndConsent();
    const second = await startAndConsent();
    const crossed = await (
      await agentFor(apps.plain)
    )
      .get(first.callback.pathname + first.callback.search)
      .set('Cookie', second.cookie)
      .expect(302);
    expect(outcomeOf(crossed.headers.location!).get('message')).toMatch(/started in another browser/);
  });

  it.each([
    ['code', (cb: URL) => cb.searchParams.append('code', 'attacker-code')],
    ['state', (cb: URL) => cb.searchParams.append('state', cb.searchParams.get('state')!)],
  ])('answers 400 to a repeated %s parameter, and stores nothing', async (name, tamper) => {
    await admin
      .put('/api/zoho/connection')
      .send({
        dataCentre: 'sandbox',
        organizationId: SANDBOX_DEMO.organizationId,
        product: 'inventory',
        clientId: SANDBOX_DEMO.clientId,
        clientSecret: 'another-secret',
      })
      .expect(200);
    const { callback, cookie } = await startAndConsent();
    tamper(callback);
    const res = await (
      await agentFor(apps.plain)
    )
      .get(callback.pathname + callback.search)
      .set('Cookie', cookie)
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'repeated_parameter', message: expect.stringContaining(name) });
    expect(await status()).toBe('needs_authorization');
  });
});
