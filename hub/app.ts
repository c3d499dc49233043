/**
 * The hub's Express app: security headers, JSON parsing, the API routes, the built client, and
 * one error handler. Routes are thin; the services below them hold the logic.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { authenticate, csrfGuard, requireSignedIn, type Auth } from './auth';
import { authRouter } from './routes/auth';
import { usersRouter } from './routes/users';
import { errorHandler, notFound } from './errors';
import { refuseUnstorableText } from './body-guard';
import { metricsRouter, requestObservability } from './observability/http';
import type { Logger } from '../server/observability/logger';
import type { HubMetrics } from '../server/observability/metrics';
import { healthRouter, type ReadinessCheck } from './routes/health';
import { temporalUiGateRouter } from './routes/temporal-ui-gate';
import { ordersRouter } from './routes/orders';
import { customersRouter } from './routes/customers';
import { customerEditsRouter } from './routes/customer-edits';
import { orderActionsRouter } from './routes/order-actions';
import { devRouter, type SampleOrderSource } from './routes/dev';
import type { OrderService } from './services/orders';
import { catalogueRouter } from './routes/catalogue';
import type { CatalogueService } from './catalogue/service';
import { zohoConnectionRouter, zohoOAuthCallbackRouter } from './routes/zoho-connection';
import type { ZohoConnectionService } from './services/zoho-connection-service';
import { mappingsRouter } from './routes/mappings';
import type { MappingService } from './services/mappings';
import { policiesRouter } from './routes/policies';
import type { OrderPolicyService } from './services/order-policies';

export interface AppDeps {
  auth: Auth;
  /** Mark the session cookie Secure even when the request itself looks like plain HTTP (behind TLS). */
  secureCookies?: boolean;
  orders: OrderService;
  readiness: Record<string, ReadinessCheck>;
  /** Only in sandbox mode: builds a demo order from the (sandbox) catalogue. */
  sampleOrders?: SampleOrderSource;
  /** Folder of the built client (dist/client); served when present. */
  clientDir?: string;
  /** Folder of the built staff console (dist/console); served at /console/ when present. */
  consoleDir?: string;
  /** The Zoho connection saved in the console, its OAuth flow and API budget (mounted when given). */
  zohoConnection?: ZohoConnectionService;
  /** The catalogue: data set, item images, sync controls (mounted when given). */
  catalogue?: CatalogueService;
  /** Field mappings: versions, preview, rollback (mounted when given). */
  mappings?: MappingService;
  /** Order rules (pre-flight policies): read by every signed-in user, edited by admins (mounted when given). */
  policies?: OrderPolicyService;
  log?: (msg: string, err: unknown) => void;
  /** Request log lines (request id, route, status, orderId/workflowId) go here. */
  logger?: Logger;
  /** HTTP durations and outbox replays; with `metricsToken`, served at GET /metrics. */
  metrics?: HubMetrics;
  metricsToken?: string;
  /** The Temporal UI behind the proxy refuses write actions (TEMPORAL_UI_READ_ONLY, default true). */
  temporalUiReadOnly?: boolean;
  /** Express `trust proxy` (TRUST_PROXY): default loopback. */
  trustProxy?: boolean | number | string;
}

export function createApp({
  auth,
  secureCookies = false,
  orders,
  readiness,
  sampleOrders,
  clientDir,
  consoleDir,
  zohoConnection,
  catalogue,
  mappings,
  policies,
  temporalUiReadOnly = true,
  log = console.error,
  ...observability
}: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', observability.trustProxy ?? 'loopback');
  if (observability.logger) app.use(requestObservability(observability.logger, observability.metrics));
  if (observability.metrics) app.use(metricsRouter(observability.metrics, observability.metricsToken));
  app.use(
    helmet({
      // The service worker and the app are same-origin; images may come from the hub's cache. The
      // barcode decoder is WebAssembly (client/src/scan/detector.ts): compiling it needs
      // 'wasm-unsafe-eval', which allows WebAssembly only, never JavaScript's eval.
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'wasm-unsafe-eval'"], 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null },
      },
    }),
  );
  // A sign-in flood: refused before its body is parsed while the hashing gate is full (the cheapest answer keeps other users fast).
  app.post('/api/auth/login', (_req, _res, next) => next(auth.hashing.full() ? auth.hashing.busy() : undefined));
  app.use(express.json({ limit: '2mb' }));
  app.use(refuseUnstorableText);
  app.use(cookieParser());

  app.use(healthRouter(readiness));
  // The proxy's question before each request to the Temporal UI (support and admin only).
  app.use(temporalUiGateRouter(auth, { readOnly: temporalUiReadOnly }));

  // Everything under /api: CSRF guard and session first; only sign-in itself is open to anyone.
  app.use('/api', csrfGuard, authenticate(auth.sessions));
  app.use('/api/auth', authRouter(auth, { secureCookies }));
  // Zoho's redirect back carries no session cookie: the callback checks its signed state instead.
  if (zohoConnection) app.use('/api/zoho/oauth', zohoOAuthCallbackRouter(zohoConnection, { secureCookies }));
  app.use('/api', requireSignedIn);
  // Each router below says which roles may use each route (see test/authorization.test.ts).
  app.use('/api/orders', ordersRouter(orders, auth));
  app.use('/api/orders', orderActionsRouter(orders.actions, auth));
  app.use('/api/customers', customersRouter(orders.customers, auth));
  app.use('/api/customer-edits', customerEditsRouter(orders.customers.edits, auth));
  app.use('/api', usersRouter(auth));
  if (zohoConnection) app.use('/api', zohoConnectionRouter(zohoConnection, auth, { secureCookies }));
  if (sampleOrders) app.use('/api/dev', devRouter(sampleOrders, auth));
  if (catalogue) app.use('/api', catalogueRouter(catalogue, auth, log));
  if (mappings) app.use('/api/mappings', mappingsRouter(mappings, auth));
  if (policies) app.use('/api', policiesRouter(policies, auth));
  app.use('/api', notFound);

  if (consoleDir && fs.existsSync(path.join(consoleDir, 'index.html'))) serveConsole(app, consoleDir);

  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    // Hashed assets are immutable; index.html and the service worker must always be revalidated.
    app.use(
      express.static(clientDir, {
        index: 'index.html',
        setHeaders: (res, file) => {
          const name = path.basename(file);
          const fresh = name === 'index.html' || name === 'sw.js' || name.endsWith('.webmanifest');
          res.setHeader('Cache-Control', fresh ? 'no-cache' : 'public, max-age=31536000, immutable');
        },
      }),
    );
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }

  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}

/** The staff console: its own index.html for every /console/ path (hash routes), hashed assets cached for good. */
function serveConsole(app: express.Express, consoleDir: string): void {
  const index = path.join(consoleDir, 'index.html');
  app.get(/^\/console$/, (_req, res) => res.redirect(301, '/console/'));
  app.use(
    '/console',
    express.static(consoleDir, {
      index: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable'),
    }),
  );
  app.get(/^\/console\/(?!assets\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
