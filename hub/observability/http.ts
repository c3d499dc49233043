/**
 * The hub's request log and metrics, and the /metrics endpoint.
 * - Every request gets an id (the caller's X-Request-Id when sane, else a new UUID), echoed back
 *   and on its log line, so a device's failed sync can be found from what the device recorded.
 * - A request about a document logs its orderId/customerId and workflowId, read from the answer
 *   (`{ order: { id, workflowId } }`), so the line joins the worker's lines about the same order.
 * - /metrics is never public: it needs `Authorization: Bearer $METRICS_TOKEN`, and is off without one.
 */
import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import { documentFields, type Logger } from '../../server/observability/logger';
import { bearerMatches, METRICS_CONTENT_TYPE, type HubMetrics } from '../../server/observability/metrics';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's logger: the request id on every line. */
    log?: Logger;
    /** This request's id (X-Request-Id). */
    id?: string;
  }
}

const SANE_ID = /^[A-Za-z0-9._:-]{8,64}$/;
/** Probes hit these every few seconds: their lines would drown everything else at info. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Remember the full route pattern when the router matches one: by the time an error answer
 * finishes, the router has restored `req.baseUrl`, and `/api/orders` + `/` would read as `/`.
 */
function recordRoute(req: Request): () => string | undefined {
  let route: unknown;
  let full: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: { path?: unknown } | undefined) => {
      route = value;
      if (value && typeof value.path === 'string') full = `${req.baseUrl}${value.path}`;
    },
  });
  return () => full;
}

/** The route pattern (`/api/orders/:id`), never the raw path: bounded metric labels. */
function routeOf(req: Request, res: Response, matched: string | undefined): string {
  if (matched !== undefined) return matched.length > 1 ? matched.replace(/\/$/, '') : matched;
  if (QUIET.has(req.path)) return req.path;
  return res.statusCode === 404 ? 'not_found' : 'static';
}

/** Document fields from an answer body such as `{ order: { id, workflowId } }` or `{ customer: {...} }`. */
function documentOf(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  const doc = (body as { order?: unknown; customer?: unknown }).order ?? (body as { customer?: unknown }).customer;
  if (!doc || typeof doc !== 'object') return {};
  const { id, workflowId } = doc as { id?: unknown; workflowId?: unknown };
  if (typeof workflowId === 'string') return documentFields(workflowId);
  return typeof id === 'string' ? { documentId: id } : {};
}

export function requestObservability(logger: Logger, metrics?: HubMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const matchedRoute = recordRoute(req);
    const incoming = req.get('x-request-id');
    const id = incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
    req.id = id;
    req.log = logger.child({ reqId: id });
    res.setHeader('X-Request-Id', id);

    let doc: Record<string, string> = {};
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      doc = documentOf(body);
      return json(body);
    };

    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req, res, matchedRoute());
      metrics?.observeRequest({ method: req.method, route, status: res.statusCode, seconds });
      const line = {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        route,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
        ...(req.user ? { userId: req.user.id } : {}),
        ...doc,
      };
      if (res.statusCode >= 500) req.log!.error(line, 'request failed');
      else if (QUIET.has(req.path)) req.log!.debug(line, 'request');
      else req.log!.info(line, 'request');
    });
    next();
  };
}

/** GET /metrics with the bearer token; 404 when no token is configured (metrics are then off). */
export function metricsRouter(metrics: HubMetrics, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!token) {
      res.status(404).json({ error: { message: 'Metrics are off: set METRICS_TOKEN to serve them.' } });
      return;
    }
    if (!bearerMatches(req.get('authorization'), token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(401).json({ error: { message: 'Metrics need Authorization: Bearer <METRICS_TOKEN>.' } });
      return;
    }
    res.setHeader('Content-Type', METRICS_CONTENT_TYPE);
    res.send(await metrics.registry.metrics());
  });
  return router;
}
