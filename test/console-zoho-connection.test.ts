/**
 * The Zoho connection saved in the console, on SQLite and PostgreSQL, against the real sandbox:
 * the authorization-code flow (signed single-use state, code exchange, refresh token sealed at
 * rest), Zoho's refusals (invalid_code, invalid_client, redirect URI mismatch), the connection
 * test, the API budget counted in the database, and a second process (a worker) following a
 * changed connection without a restart.
 */
import { QueryTypes } from 'sequelize';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { loadConfig, SANDBOX_DEMO, type Config } from '../config';
import { createApp } from '../hub/app';
import { secretBox } from '../server/secrets/secret-key';
import { SecretBox } from '../server/secrets/secret-box';
import { createConnectionStore } from '../server/zoho/connection-store';
import type { Auth } from '../hub/auth';
import type { Database } from '../server/db/connect';
import { createZoho } from '../server/zoho';
import { createZohoConnectionService } from '../hub/services/zoho-connection-service';
import { createApiCallCounter } from '../server/zoho/api-call-counter';
import { ZohoAuthError } from '../zoho/connector';
import { startSandbox, type RunningSandbox } from '../zoho/testing';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import { DIALECTS } from './support/databases';
import { openOrderStack, type OrderStack } from './support/order-stack';

const PUBLIC_URL = 'http://127.0.0.1:3999'; // only the redirect URI's value: nothing listens there

describe.each(DIALECTS)('Zoho connection in the console on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let sandbox: RunningSandbox;
  let auth: Auth;
  let app: Express;
  let admin: Agent;
  let support: Agent;
  let config: Config;
  let dataDir: string;
  let hubZoho: ReturnType<typeof createZoho>;
  const counter = () => counterRef!;
  let counterRef: ReturnType<typeof createApiCallCounter> | undefined;
  let workerCalls: ReturnType<typeof createApiCallCounter> | undefined;

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'zc');
    db = stack.db;
    sandbox = await startSandbox();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-zoho-conn-'));
    config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PUBLIC_URL,
      ZOHO_ACCOUNTS_URL: sandbox.url,
      ZOHO_API_URL: sandbox.url,
      SATCHEL_SECRET_KEY: crypto.randomBytes(32).toString('base64'),
      ZOHO_DAILY_REQUEST_LIMIT: '2000',
    });
    auth = testAuth(db);
    counterRef = createApiCallCounter(db);
    hubZoho = createZoho(config, db, 'hub', counter());
    app = createApp({
      auth,
      orders: stack.orders,
      readiness: {},
      zohoConnection: createZohoConnectionService({
        db,
        defaults: config.zoho,
        box: secretBox(config),
        publicUrl: PUBLIC_URL,
        audit: auth.audit,
        counter: counter(),
        zoho: () => hubZoho.current(),
      }),
    });
    admin = await agentFor(app, await createUser(auth, 'admin'));
    support = await agentFor(app, await createUser(auth, 'support'));
  });

  afterAll(async () => {
    await sandbox?.close();
    await stack?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const sandboxConnection = (overrides: Record<string, unknown> = {}) => ({
    dataCentre: 'sandbox',
    organizationId: SANDBOX_DEMO.organizationId,
    product: 'inventory',
    clientId: SANDBOX_DEMO.clientId,
    clientSecret: SANDBOX_DEMO.clientSecret,
    ...overrides,
  });

  /** The admin browser's OAuth-binding cookie from the last start (SameSite=Lax: it comes back on Zoho's redirect). */
  let browserCookie = '';

  /** Start at the hub, follow Zoho's consent page, and come back to the callback: the browser's part. */
  async function authorize(tamper: (callback: URL) => void = () => undefined): Promise<URLSearchParams> {
    const start = await admin.get('/api/zoho/oauth/start').expect(302);
    browserCookie = ([start.headers['set-cookie'] ?? []].flat() as string[]).find((c) => c.startsWith('satchel_oauth='))!.split(';')[0]!;
    const consent = new URL(start.headers.location!);
    const back = await fetch(consent, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${PUBLIC_URL}/api/zoho/oauth/callback`);
    tamper(callback);
    // Zoho's redirect is cross-site: it carries no (SameSite=Strict) session cookie, only the Lax binding cookie.
    const done = await (
      await agentFor(app)
    )
      .get(callback.pathname + callback.search)
      .set('Cookie', browserCookie)
      .expect(302);
    const target = new URL(done.headers.location!, PUBLIC_URL);
    expect(target.pathname + target.hash.split('?')[0]).toBe('/console/#/zoho');
    return new URLSearchParams(target.hash.split('?')[1]);
  }

  it('uses the environment while nothing is saved', async () => {
    const view = (await admin.get('/api/zoho/connection').expect(200)).body.connection;
    expect(view.source).toBe('environment');
    expect(view.saved).toBeNull();
    expect(view.redirectUri).toBe(`${PUBLIC_URL}/api/zoho/oauth/callback`);
    const test = (await admin.post('/api/zoho/connection/test').expect(200)).body.organization;
    expect(test.organizationId).toBe(SANDBOX_DEMO.organizationId);
    expect(test.name).toEqual(expect.any(String));
    expect(test.name.length).toBeGreaterThan(0);
  });

  it('refuses a bad connection with the field named, and changes nothing', async () => {
    const res = await admin
      .put('/api/zoho/connection')
      .send(sandboxConnection({ organizationId: 'my org' }))
      .expect(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['organizationId']);
    const noSecret = await admin
      .put('/api/zoho/connection')
      .send(sandboxConnection({ clientSecret: undefined }))
      .expect(400);
    expect(noSecret.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['clientSecret']);
    await admin
      .put('/api/zoho/connection')
      .send(sandboxConnection({ dataCentre: 'mars' }))
      .expect(400);
    await support.put('/api/zoho/connection').send(sandboxConnection()).expect(403);
    expect((await admin.get('/api/zoho/connection').expect(200)).body.connection.saved).toBeNull();
  });

  it('connects through the authorization-code flow; the secrets are sealed at rest', async () => {
    const saved = (await admin.put('/api/zoho/connection').send(sandboxConnection()).expect(200)).body.connection;
    expect(saved.saved.status).toBe('needs_authorization');
    expect(saved.source).toBe('environment'); // not in force until it has a refresh token

    const start = await admin.get('/api/zoho/oauth/start').expect(302);
    const consent = new URL(start.headers.location!);
    expect(consent.origin + consent.pathname).toBe(`${sandbox.url}/oauth/v2/auth`);
    expect(Object.fromEntries(consent.searchParams)).toEqual({
      scope: expect.stringContaining('ZohoInventory.salesorders.ALL'),
      client_id: SANDBOX_DEMO.clientId,
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
      redirect_uri: `${PUBLIC_URL}/api/zoho/oauth/callback`,
      state: expect.any(String),
    });

    expect(Object.fromEntries(await authorize())).toEqual({ oauth: 'connected' });
    const view = (await admin.get('/api/zoho/connection').expect(200)).body.connection;
    expect(view.source).toBe('console');
    expect(view.saved).toMatchObject({ status: 'active', hasRefreshToken: true, clientId: SANDBOX_DEMO.clientId });
    expect(JSON.stringify(view)).not.toContain(SANDBOX_DEMO.clientSecret);

    const [rows] = await db.sequelize.query('SELECT * FROM zoho_connection');
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(SANDBOX_DEMO.clientSecret);
    expect(raw).toMatch(/"refresh_token_sealed":"v1:/);

    const org = (await admin.post('/api/zoho/connection/test').expect(200)).body.organization;
    expect(org.organizationId).toBe(SANDBOX_DEMO.organizationId);
    const actions = (await db.Audit.findAll({ where: { target: 'zoho' }, order: [['id', 'ASC']] })).map((a) => a.action);
    expect(actions).toEqual(['zoho.connection.save', 'zoho.connection.authorize']);
  });

  it('uses each state once, and refuses a forged one', async () => {
    let used: URL | undefined;
    expect((await authorize((cb) => (used = new URL(cb)))).get('oauth')).toBe('connected');
    const outcome = (location: string) => new URLSearchParams(location.split('?')[1]);
    const replay = await (
      await agentFor(app)
    )
      .get(used!.pathname + used!.search)
      .set('Cookie', browserCookie)
      .expect(302);
    expect(outcome(replay.headers.location!).get('message')).toContain('used already or has expired');

    const forged = new URL(used!);
    forged.searchParams.set('state', Buffer.from('v1:AAAA:BBBB:CCCC').toString('base64url'));
    const res = await (
      await agentFor(app)
    )
      .get(forged.pathname + forged.search)
      .set('Cookie', browserCookie)
      .expect(302);
    expect(outcome(res.headers.location!).get('message')).toContain('without a valid state');
  });

  it("passes on Zoho's refusals: invalid_code and invalid_client", async () => {
    const badCode = await authorize((cb) => cb.searchParams.set('code', '1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef'));
    expect(badCode.get('oauth')).toBe('failed');
    expect(badCode.get('message')).toContain('invalid_code');

    await admin
      .put('/api/zoho/connection')
      .send(sandboxConnection({ clientSecret: 'not-the-secret' }))
      .expect(200);
    const badClient = await authorize();
    expect(badClient.get('oauth')).toBe('failed');
    expect(badClient.get('message')).toContain('invalid_client');
    // The new secret dropped the old refresh token: the environment is in force again.
    expect((await admin.get('/api/zoho/connection').expect(200)).body.connection.source).toBe('environment');
    expect((await db.Audit.findAll({ where: { action: 'zoho.connection.authorize_failed' } })).length).toBeGreaterThanOrEqual(4);
  });

  it('sandbox: a code redeemed with another redirect URI is refused, and works only once', async () => {
    const consent = new URL(`${sandbox.url}/oauth/v2/auth`);
    consent.search = new URLSearchParams({
      scope: 'ZohoInventory.items.READ',
      client_id: SANDBOX_DEMO.clientId,
      response_type: 'code',
      access_type: 'offline',
      redirect_uri: 'http://localhost:1234/api/zoho/oauth/callback',
    }).toString();
    const code = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const exchange = (redirectUri: string) =>
      fetch(`${sandbox.url}/oauth/v2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: SANDBOX_DEMO.clientId,
          client_secret: SANDBOX_DEMO.clientSecret,
          redirect_uri: redirectUri,
          code,
        }),
      }).then((r) => r.json());
    expect(await exchange('http://localhost:9999/api/zoho/oauth/callback')).toEqual({ error: 'invalid_redirect_uri' });
    expect(await exchange('http://localhost:1234/api/zoho/oauth/callback')).toEqual({ error: 'invalid_code' }); // used up

    const unregistered = new URL(consent);
    unregistered.searchParams.set('redirect_uri', 'https://evil.example/api/zoho/oauth/callback');
    const page = await fetch(unregistered, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Invalid Redirect Uri');
  });

  it('a worker process follows the connection without a restart', async () => {
    // The worker's environment holds a refresh token Zoho refuses; the console's connection works.
    const workerConfig: Config = { ...config, zoho: { ...config.zoho, refreshToken: '1000.revoked-refresh-token' } };
    workerCalls = createApiCallCounter(db);
    const worker = createZoho(workerConfig, db, 'worker', workerCalls);
    await expect(worker.organizations.list()).rejects.toBeInstanceOf(ZohoAuthError);

    await admin.put('/api/zoho/connection').send(sandboxConnection()).expect(200);
    expect((await authorize()).get('oauth')).toBe('connected');
    const orgs = await worker.organizations.list();
    expect(orgs.map((o) => o.organization_id)).toContain(SANDBOX_DEMO.organizationId);
    // An async generator forwards too (the catalogue pages through items this way).
    const first = await worker.items.listAll().next();
    expect(first.done).toBe(false);

    // Removed in the console: back to the environment, and its refused token, at once; the
    // connection's own refresh token is revoked at Zoho, so a copy of it is useless.
    const saved = await db.sequelize.query<{ refresh_token_sealed: string }>('SELECT refresh_token_sealed FROM zoho_connection WHERE id = 1', {
      type: QueryTypes.SELECT,
    });
    const refreshToken = secretBox(config).open(saved[0]!.refresh_token_sealed);
    const refresh = () =>
      fetch(`${sandbox.url}/oauth/v2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: sandboxConnection().clientId,
          client_secret: sandboxConnection().clientSecret,
          refresh_token: refreshToken,
        }),
      }).then((r) => r.json() as Promise<{ access_token?: string; error?: string }>);
    expect((await refresh()).access_token).toBeTruthy();
    await admin.delete('/api/zoho/connection').expect(200);
    await expect(worker.organizations.list()).rejects.toBeInstanceOf(ZohoAuthError);
    const removals = await db.Audit.findAll({ where: { action: 'zoho.connection.remove' } });
    expect(removals).toHaveLength(1);
    expect(removals[0]!.detail).toEqual({ revoked: true });
    expect(await refresh()).toEqual({ error: 'invalid_code' });
  });

  it('counts every API call in the database, against the limits', async () => {
    await workerCalls?.flush(); // the hub's own counter is flushed by the usage query
    const usage = (await support.get('/api/zoho/usage').expect(200)).body.usage;
    // Every API call the sandbox saw came from this test's clients, and each was counted once.
    expect(usage.today).toBe(sandbox.sandbox.stats.apiCalls);
    expect(usage.thisMinute).toBeGreaterThan(0);
    expect(usage.perMinuteLimit).toBe(config.zoho.requestsPerMinute);
    expect(usage.dailyLimit).toBe(2000);
    await admin.post('/api/zoho/connection/test').expect(200);
    const after = (await admin.get('/api/zoho/usage').expect(200)).body.usage;
    expect(after.today).toBe(usage.today + 1);
  });

  it('shows the day’s quota as Zoho reports it when its rate headers carry the day (not as the minute)', async () => {
    const before = (await support.get('/api/zoho/usage').expect(200)).body.usage;
    expect(before.zohoDaily).toBeUndefined(); // minute headers so far: nothing read as the day
    sandbox.sandbox.limits.configure({ rateHeaders: 'day', perDay: 7500 });
    try {
      await admin.post('/api/zoho/connection/test').expect(200);
      const usage = (await support.get('/api/zoho/usage').expect(200)).body.usage;
      expect(usage.zohoDaily).toMatchObject({ limit: 7500 });
      expect(usage.zohoDaily.remaining).toBeLessThan(7500);
      expect(usage.zohoDaily.remaining).toBeGreaterThan(7000);
      expect(Date.parse(usage.zohoDaily.resetsAt)).toBeGreaterThan(Date.now() + 60_000);
    } finally {
      sandbox.sandbox.limits.configure({ rateHeaders: 'minute' });
    }
  });

  it('still shows the connection page when the secret key changed (the page where it gets fixed)', async () => {
    await admin.put('/api/zoho/connection').send(sandboxConnection()).expect(200);
    expect((await authorize()).get('oauth')).toBe('connected');
    const otherKey = new SecretBox(crypto.randomBytes(32).toString('base64'));
    const view = await createConnectionStore({ db, defaults: config.zoho, box: otherKey }).view(PUBLIC_URL);
    expect(view).toMatchObject({
      source: 'console',
      saved: { organizationId: SANDBOX_DEMO.organizationId },
      effective: { organizationId: SANDBOX_DEMO.organizationId },
    });
    await admin.delete('/api/zoho/connection').expect(200);
  });
});
