/**
 * Prometheus metrics (prom-client), one registry per process so tests can run a hub and a worker
 * side by side. The hub counts what it sees (HTTP durations, outbox replays) and reads orders by
 * stage from the database at scrape time, so every hub replica reports the same truth. The worker
 * counts Zoho calls and 429s per endpoint family, PDF render time and activity outcomes.
 */
import crypto from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ZohoCallObservation } from '../../zoho/connector/http';

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** A stage/kind count as stored: the database is the one source, whichever hub answers the scrape. */
export type StageCounts = () => Promise<Array<{ stage: string; kind: string; count: number }>>;

export function createHubMetrics({ stageCounts }: { stageCounts: StageCounts }) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'hub' });
  collectDefaultMetrics({ register: registry, prefix: 'satchel_hub_' });

  new Gauge({
    name: 'satchel_documents',
    help: 'Documents (orders, quotes) stored on the hub, by lifecycle stage',
    labelNames: ['stage', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await stageCounts()) this.set({ stage: row.stage, kind: row.kind }, row.count);
    },
  });
  const replays = new Counter({
    name: 'satchel_outbox_replays_total',
    help: 'Repeated POSTs from device outboxes answered with the document already stored (200 instead of 201)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const accepted = new Counter({
    name: 'satchel_outbox_accepted_total',
    help: 'Documents from device outboxes stored for the first time (201)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'satchel_documents_refused_total',
    help: 'Documents POSTed by devices that the hub refused, by kind and reason (rate_limited: the per-user hourly bound; invalid, forbidden, conflict, unauthenticated...)',
    labelNames: ['kind', 'reason'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'satchel_http_request_duration_seconds',
    help: 'Hub HTTP request durations by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  return {
    registry,
    /** A finished request: its duration, and, for a device's POST of a document, new or replay. */
    observeRequest(r: { method: string; route: string; status: number; seconds: number }) {
      httpDuration.observe({ method: r.method, route: r.route, status: String(r.status) }, r.seconds);
      const outbox = r.method === 'POST' ? OUTBOX_ROUTES[r.route] : undefined;
      if (outbox && r.status === 200) replays.inc({ kind: outbox });
      if (outbox && r.status === 201) accepted.inc({ kind: outbox });
      const reason = outbox ? REFUSAL_REASONS[r.status] : undefined;
      if (outbox && reason) refused.inc({ kind: outbox, reason });
    },
  };
}

/** The routes a device's outbox replays into (idempotent on the document's UUID: 201 new, 200 replay). */
const OUTBOX_ROUTES: Record<string, string> = { '/api/orders': 'order', '/api/customers': 'customer' };

/** A refused document's HTTP status, as the application error kind behind it (hub/errors.ts). */
const REFUSAL_REASONS: Record<number, string> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
};

export type HubMetrics = ReturnType<typeof createHubMetrics>;

export function createWorkerMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'worker' });
  collectDefaultMetrics({ register: registry, prefix: 'satchel_worker_' });

  const zohoCalls = new Counter({
    name: 'satchel_zoho_calls_total',
    help: 'Zoho API calls by endpoint family and outcome (ok, rate_limited, auth, client_error, server_error, network)',
    labelNames: ['family', 'method', 'outcome'] as const,
    registers: [registry],
  });
  const zoho429 = new Counter({
    name: 'satchel_zoho_rate_limited_total',
    help: 'Zoho answers that were a rate limit (HTTP 429 or codes 44/45/1070), by endpoint family',
    labelNames: ['family'] as const,
    registers: [registry],
  });
  const pdfRender = new Histogram({
    name: 'satchel_pdf_render_seconds',
    help: 'Time to print one document PDF in Chromium',
    buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
    registers: [registry],
  });
  const activities = new Counter({
    name: 'satchel_activity_outcomes_total',
    help: 'Temporal activity executions in this worker by activity type and outcome (completed, failed, cancelled)',
    labelNames: ['activity', 'outcome'] as const,
    registers: [registry],
  });
  const activitySeconds = new Histogram({
    name: 'satchel_activity_duration_seconds',
    help: 'Temporal activity execution time in this worker by activity type',
    labelNames: ['activity'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });

  return {
    registry,
    /** The Zoho connector's `observe` hook. */
    zohoCall(call: ZohoCallObservation) {
      zohoCalls.inc({ family: call.family, method: call.method, outcome: call.outcome });
      if (call.outcome === 'rate_limited') zoho429.inc({ family: call.family });
    },
    pdfRendered(seconds: number) {
      pdfRender.observe(seconds);
    },
    activityFinished(activity: string, outcome: 'completed' | 'failed' | 'cancelled', seconds: number) {
      activities.inc({ activity, outcome });
      activitySeconds.observe({ activity }, seconds);
    },
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;

/** `Authorization: Bearer <token>` compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!.trim());
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
