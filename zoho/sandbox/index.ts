/**
 * The Zoho sandbox: an Express app that stands in for Zoho Accounts, Inventory and Books, with
 * Zoho's envelopes, error codes, limits and (on demand) faults. The start command's default Zoho,
 * and the counterpart of every connector contract test.
 *
 *   const sandbox = createSandbox({ limits: { windowMs: 1000 } });
 *   const { url } = await sandbox.listen(0);   // settings: { accountsUrl: url, apiDomain: url, ...SANDBOX_DEMO }
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { SANDBOX_DEMO } from '../../config';
import { emptyStats, fail, type SandboxContext, type Stats } from './context';
import { CODES } from './errors';
import { Faults } from './faults';
import { Limits, type LimitSettings } from './limits';
import { SandboxClock } from './clock';
import { Outage } from './outage';
import { enforceLimits, injectFaults, outageGate, parseBodies, recordStats, requireOrganization, requireToken } from './middleware';
import { loadState, StateSaver } from './persistence';
import { adminRouter, describeState } from './routes/admin';
import { apiRouter } from './routes/api';
import { homeRouter } from './routes/home';
import { oauthRouter } from './routes/oauth';
import { sandboxFixtures, seedData, type SeedOptions } from './seed';
import { SandboxStore } from './store';
import { TokenRegistry } from './tokens';

export interface SandboxOptions {
  /** Seed and sizes of the demo organization (default ~300 items, 100 customers). */
  seed?: SeedOptions;
  /** Limits and window lengths (compress a minute into a second for tests and benchmarks). */
  limits?: Partial<LimitSettings>;
  /** Load from / save to this file (debounced), so documents survive a restart. */
  stateFile?: string;
  saveDelayMs?: number;
  /** Change `count` items every `everyMs`, so an incremental sync always has work. */
  mutate?: { everyMs: number; count?: number };
  now?: () => number;
  /**
   * Serve the test controls under `/__sandbox/*` (reset, faults, outages, the clock, state). Default:
   * only when NODE_ENV is development (or unset) or test; anywhere else they answer 404.
   */
  testControls?: boolean;
  /** Told of every API request as it arrives, after its body is parsed (JSON or `JSONString`): lets tests check what a client sent. */
  onRequest?: (request: ObservedRequest) => void;
}

/** One API request as the sandbox received it (zoho/schemas checks these against Zoho's request schemas). */
export interface ObservedRequest {
  product: 'inventory' | 'books';
  method: string;
  /** Below the product base, e.g. `/salesorders`. */
  path: string;
  query: Record<string, unknown>;
  body: unknown;
}

/** Test controls are for development and tests: never on a sandbox someone runs with NODE_ENV=production. */
export function testControlsByDefault(nodeEnv = process.env.NODE_ENV): boolean {
  return nodeEnv === undefined || nodeEnv === '' || nodeEnv === 'development' || nodeEnv === 'test';
}

export interface Sandbox {
  app: Express;
  /** The organization's data; inspect or drive it directly from tests. */
  state: SandboxStore;
  /** The same as `state`. */
  store: SandboxStore;
  faults: Faults;
  /** Zoho down for a while: `outage.start({ durationMs: 600_000 })`, timed on `clock`. */
  outage: Outage;
  /** The sandbox's time: move it forward to let an outage or a (compressed) day pass. */
  clock: SandboxClock;
  limits: Limits;
  tokens: TokenRegistry;
  stats: Stats;
  /** A customer and items that exist in the seed: enough to build a valid order. */
  fixtures: ReturnType<typeof sandboxFixtures>;
  /** Base URL once listening: use it as both accounts URL and API domain. */
  url?: string;
  listen(port?: number, host?: string): Promise<{ url: string; port: number; server: Server }>;
  /** Re-seed, clear faults, counters and limit windows (tokens stay valid). */
  reset(): void;
  /** What `GET /__sandbox/state` answers. */
  describe(): ReturnType<typeof describeState>;
  close(): Promise<void>;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = new SandboxClock(options.now ?? Date.now);
  const now = clock.now;
  const loaded = options.stateFile ? loadState(options.stateFile) : undefined;
  const store = new SandboxStore(loaded ?? seedData(options.seed), now);
  const ctx: SandboxContext = {
    store,
    limits: new Limits(options.limits, now),
    faults: new Faults(),
    outage: new Outage(now),
    tokens: new TokenRegistry(now),
    stats: emptyStats(),
    now,
    clock,
    organizationId: SANDBOX_DEMO.organizationId,
  };

  const saver = options.stateFile ? new StateSaver(options.stateFile, () => store.snapshot(), options.saveDelayMs) : undefined;
  if (saver) store.onChange(() => saver.schedule());

  const reset = () => {
    store.load(seedData(options.seed));
    ctx.faults.clear();
    ctx.faults.fired.errors5xx = ctx.faults.fired.resets = ctx.faults.fired.commitThenDrop = 0;
    ctx.limits.reset();
    ctx.outage.reset();
    Object.assign(ctx.stats, emptyStats());
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // lists must never answer 304: Zoho clients do not send If-None-Match
  // An outage takes down the accounts server and the APIs alike; the sandbox's own pages stay up.
  app.use(['/oauth', '/inventory', '/books'], outageGate(ctx));
  app.use(oauthRouter(ctx));
  if (options.testControls ?? testControlsByDefault()) app.use('/__sandbox', adminRouter(ctx, { reset, state: () => describeState(ctx) }));
  app.use(homeRouter(ctx));
  // Bodies are read before faults apply: a slow Zoho has the request in hand and commits after the client gave up.
  for (const [base, product] of [
    ['/inventory/v1', 'inventory'],
    ['/books/v3', 'books'],
  ] as const) {
    app.use(
      base,
      recordStats(ctx),
      requireToken(ctx),
      requireOrganization(ctx),
      enforceLimits(ctx),
      ...parseBodies(),
      (req: express.Request, _res: express.Response, next: express.NextFunction) => {
        options.onRequest?.({ product, method: req.method, path: req.path, query: { ...req.query }, body: req.body as unknown });
        next();
      },
      injectFaults(ctx),
      apiRouter(product, ctx),
    );
  }
  app.use((_req: express.Request, res: express.Response) => fail(res, 404, CODES.invalidUrl, 'Invalid URL Passed'));
  // Malformed JSON and the like: Zoho's style, never an HTML stack trace.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (err as { status?: number }).status ?? 500;
    if (res.headersSent) return;
    if (status >= 500) fail(res, 500, CODES.internal, 'Internal error');
    else if ((err as { type?: string }).type === 'entity.parse.failed') fail(res, 400, CODES.malformedJson, 'JSON is not well formed');
    else fail(res, status, CODES.invalidValue, 'Invalid value passed for JSONString');
  });

  let server: Server | undefined;
  let ticker: NodeJS.Timeout | undefined;
  if (options.mutate && options.mutate.everyMs > 0) {
    const count = options.mutate.count ?? 5;
    ticker = setInterval(() => store.mutateItems(count), options.mutate.everyMs);
    ticker.unref();
  }

  const sandbox: Sandbox = {
    app,
    state: store,
    store,
    faults: ctx.faults,
    outage: ctx.outage,
    clock,
    limits: ctx.limits,
    tokens: ctx.tokens,
    stats: ctx.stats,
    fixtures: sandboxFixtures(options.seed?.seed),
    reset,
    describe: () => describeState(ctx),
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = app.listen(port, host, (err?: Error) => {
          if (err) return reject(err);
          const addr = s.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
          sandbox.url = `http://${shownHost}:${addr.port}`;
          resolve({ url: sandbox.url, port: addr.port, server: s });
        });
        s.once('error', reject);
        server = s;
      });
    },
    async close() {
      if (ticker) clearInterval(ticker);
      saver?.flush();
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections(); // keep-alive sockets would hold close() open
      });
    },
  };
  return sandbox;
}

export { sandboxFixtures, seedData, DEFAULT_SEED } from './seed';
export { DEFAULT_LIMITS, type LimitSettings } from './limits';
export type { FaultSettings } from './faults';
export type { OutageSettings, OutageMode } from './outage';
export { SandboxClock } from './clock';
export type { SandboxStore } from './store';
export type { SandboxData } from './types';
