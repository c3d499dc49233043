import fs from 'node:fs';
import path from 'node:path';
import { assertWorkerMetricsProtected, CONFIG_VARIABLES, ConfigError, loadConfig, SANDBOX_DEMO } from '.';

describe('config', () => {
  it('defaults to the embedded demo: SQLite under data/, local Temporal, Zoho sandbox, mail catcher', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.dialect).toBe('sqlite');
    expect(c.database.url).toMatch(/data[\\/]satchel\.db$/);
    expect(c.temporal.address).toBe('localhost:7233');
    expect(c.temporal.uiUrl).toBe('http://localhost:8233');
    expect(c.zoho).toMatchObject({ sandbox: true, clientId: SANDBOX_DEMO.clientId, apiDomain: 'http://127.0.0.1:3100' });
    expect(c.mail).toMatchObject({ catcher: true, smtpUrl: 'smtp://127.0.0.1:1025' });
  });

  it('points at real Zoho in the chosen data centre when credentials are set', () => {
    const c = loadConfig({
      ZOHO_CLIENT_ID: 'id',
      ZOHO_CLIENT_SECRET: 'secret',
      ZOHO_REFRESH_TOKEN: 'refresh',
      ZOHO_ORGANIZATION_ID: '123',
      ZOHO_DATA_CENTRE: 'eu',
      ZOHO_PRODUCT: 'books',
    });
    expect(c.zoho).toMatchObject({ sandbox: false, product: 'books', accountsUrl: 'https://accounts.zoho.eu', apiDomain: 'https://www.zohoapis.eu' });
  });

  it('lists every problem at once, naming the variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ZOHO_PRODUCT: 'crm' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).problems.join('\n');
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/ZOHO_PRODUCT/);
  });

  it('refuses half a set of Zoho credentials', () => {
    expect(() => loadConfig({ ZOHO_CLIENT_ID: 'id' })).toThrow(/go together/);
  });

  it('accepts PostgreSQL and rejects other databases', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database.dialect).toBe('postgres');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u@h/db' })).toThrow(/sqlite: or postgres/);
  });
});

describe('.env.example', () => {
  it('documents every variable the configuration reads', () => {
    const example = fs.readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(CONFIG_VARIABLES.filter((v) => !documented.has(v))).toEqual([]);
  });

  it('refuses a production worker that would serve metrics without METRICS_TOKEN, naming the way out', () => {
    const production = {
      NODE_ENV: 'production',
      SATCHEL_SECRET_KEY: 'A'.repeat(43) + '=',
      ZOHO_CLIENT_ID: 'id',
      ZOHO_CLIENT_SECRET: 'secret',
      ZOHO_REFRESH_TOKEN: 'refresh',
      ZOHO_ORGANIZATION_ID: '123',
    };
    let error: unknown;
    try {
      assertWorkerMetricsProtected(loadConfig(production));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatch(/METRICS_TOKEN: required in production.*WORKER_METRICS_PORT=0/);
    expect(() => assertWorkerMetricsProtected(loadConfig({ ...production, METRICS_TOKEN: 't0ken' }))).not.toThrow();
    expect(() => assertWorkerMetricsProtected(loadConfig({ ...production, WORKER_METRICS_PORT: '0' }))).not.toThrow();
    // Development keeps its open metrics on loopback.
    expect(() => assertWorkerMetricsProtected(loadConfig({}))).not.toThrow();
  });

  it('keeps the Temporal UI behind the proxy read-only unless told otherwise', () => {
    expect(loadConfig({}).temporal.uiReadOnly).toBe(true);
    expect(loadConfig({ TEMPORAL_UI_READ_ONLY: 'false' }).temporal.uiReadOnly).toBe(false);
  });
});
