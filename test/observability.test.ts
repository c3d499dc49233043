/**
 * Logs, metrics and the Temporal connection, against real parts: a real worker on the test
 * Temporal server (its Runtime logger is ours), the hub app on SQLite with a real Temporal client,
 * the Zoho sandbox behind the real connector, and connections made from loadConfig's settings.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../config';
import { createApp } from '../hub/app';
import { metricsRouter } from '../hub/observability/http';
import { createLogger, documentFields, formatPretty } from '../server/observability/logger';
import { createHubMetrics, createWorkerMetrics } from '../server/observability/metrics';
import { serveMetrics } from '../server/observability/metrics-server';
import { documentStageCounts } from '../hub/observability/stage-counts';
import { activityMetricsInterceptor, TemporalPinoLogger } from '../workflows/observability';
import { createOrderService } from '../hub/services/orders';
import { connectTemporal } from '../workflows/client';
import { createZohoClient, MemoryTokenStore, unlimited } from '../zoho/connector';
import { startSandbox } from '../zoho/testing';
import { agentFor, createUser, testAuth } from './support/auth';
import { openTestDatabase } from './support/databases';
import { sampleOrder } from './support/orders';
import { temporalAddress } from './support/temporal';
import express from 'express';
import request from 'supertest';

/** A destination that keeps every JSON line. */
function collector() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

/** Prometheus text format → samples (name, labels, value); throws on a line it cannot read. */
function parseMetrics(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  const out: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}
const sample = (samples: ReturnType<typeof parseMetrics>, name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

// The Runtime logger is process-wide and set once: every worker of this file logs through it.
const workerLog = collector();
Runtime.install({ logger: new TemporalPinoLogger(createLogger({ level: 'info', format: 'json', service: 'worker', destination: workerLog.stream })) });

describe('logger', () => {
  it('derives the order id and workflow id from a workflow id', () => {
    const id = crypto.randomUUID();
    expect(documentFields(`order-${id}`)).toEqual({ orderId: id, workflowId: `order-${id}` });
    expect(documentFields(`quote-${id}`)).toEqual({ orderId: id, workflowId: `quote-${id}` });
    expect(documentFields(`customer-${id}`)).toEqual({ customerId: id, workflowId: `customer-${id}` });
    expect(documentFields('catalogue-sync')).toEqual({ workflowId: 'catalogue-sync' });
  });

  it('writes JSON lines with level names, or one readable line', () => {
    const { lines, stream } = collector();
    const logger = createLogger({ level: 'info', format: 'json', service: 'hub', destination: stream });
    logger.debug('hidden');
    logger.info({ orderId: 'x' }, 'shown');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', service: 'hub', msg: 'shown', orderId: 'x', time: expect.any(String) })]);
    expect(formatPretty(JSON.stringify({ time: '2026-01-01T12:34:56.000Z', level: 'warn', service: 'worker', msg: 'late', orderId: 'o1' }))).toBe(
      '12:34:56 WARN  worker: late orderId=o1',
    );
  });
});

describe('worker logs and metrics, through a real worker', () => {
  it('puts workflowId, runId, activity type and the order id on activity and workflow lines, and counts outcomes', async () => {
    const address = temporalAddress();
    const connection = await NativeConnection.connect({ address });
    const client = new Client({ connection: await Connection.connect({ address }), namespace: 'default' });
    const metrics = createWorkerMetrics();
    const taskQueue = `observability-${crypto.randomUUID()}`;
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue,
      workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./observability.workflow-fixture') }),
      activities: {
        async noteOrder(orderId: string) {
          Context.current().log.info('noting the order', { bytes: 42 });
          return `noted ${orderId}`;
        },
        async failForOrder() {
          throw new Error('Zoho said no');
        },
      },
      interceptors: { activity: [activityMetricsInterceptor(metrics)] },
    });
    const orderId = crypto.randomUUID();
    const workflowId = `order-${orderId}`;
    const result = await worker.runUntil(client.workflow.execute('observabilityFixture', { taskQueue, workflowId, args: [orderId] }));
    expect(result).toBe(`noted ${orderId}`);

    const ours = workerLog.lines.filter((l) => l.workflowId === workflowId);
    const activityLine = ours.find((l) => l.msg === 'noting the order');
    expect(activityLine).toMatchObject({
      service: 'worker',
      level: 'info',
      orderId,
      workflowId,
      runId: expect.any(String),
      activityType: 'noteOrder',
      bytes: 42,
    });
    expect(activityLine).not.toHaveProperty('taskToken');
    expect(ours.find((l) => l.msg === 'fixture workflow started')).toMatchObject({
      orderId,
      workflowId,
      runId: activityLine!.runId,
      workflowType: 'observabilityFixture',
    });
    // Every line about this order carries both ids.
    expect(ours.length).toBeGreaterThanOrEqual(3);
    for (const line of ours) expect(line).toMatchObject({ orderId, workflowId });

    const samples = parseMetrics(await metrics.registry.metrics());
    expect(sample(samples, 'satchel_activity_outcomes_total', { activity: 'noteOrder', outcome: 'completed' })).toBe(1);
    expect(sample(samples, 'satchel_activity_outcomes_total', { activity: 'failForOrder', outcome: 'failed' })).toBe(1);
    expect(sample(samples, 'satchel_activity_duration_seconds_count', { activity: 'noteOrder' })).toBe(1);
    await client.connection.close();
    await connection.close();
  }, 90_000);

  it('counts Zoho calls and 429s per endpoint family from the connector hook, served on the worker metrics port', async () => {
    const zohoSandbox = await startSandbox({ seed: { items: 5, customers: 2 }, limits: { perWindow: 2, windowMs: 60_000 } });
    const metrics = createWorkerMetrics();
    const token = crypto.randomBytes(12).toString('hex');
    const server = await serveMetrics({ registry: metrics.registry, host: '127.0.0.1', port: 0, token });
    try {
      const zoho = createZohoClient(zohoSandbox.settings(), { tokenStore: new MemoryTokenStore(), limiter: unlimited, observe: metrics.zohoCall });
      await zoho.items.list();
      await zoho.items.list();
      await expect(zoho.items.list()).rejects.toMatchObject({ name: 'ZohoRateLimitError' });
      metrics.pdfRendered(0.4);

      const url = `http://127.0.0.1:${server.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const samples = parseMetrics(await res.text());
      expect(sample(samples, 'satchel_zoho_calls_total', { family: 'items', outcome: 'ok' })).toBe(2);
      expect(sample(samples, 'satchel_zoho_calls_total', { family: 'items', outcome: 'rate_limited' })).toBe(1);
      expect(sample(samples, 'satchel_zoho_rate_limited_total', { family: 'items' })).toBe(1);
      expect(sample(samples, 'satchel_pdf_render_seconds_count')).toBe(1);
      expect(sample(samples, 'satchel_pdf_render_seconds_bucket', { le: '0.5' })).toBe(1);
      expect(sample(samples, 'satchel_pdf_render_seconds_bucket', { le: '0.25' })).toBe(0);
      expect(sample(samples, 'satchel_worker_process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      await server.close();
      await zohoSandbox.close();
    }
  }, 30_000);
});

describe('hub request logs and /metrics', () => {
  it('logs each request with its id, and orderId + workflowId for an order; /metrics needs the token and reads stages from the database', async () => {
    const { db, cleanup } = await openTestDatabase('sqlite');
    const temporal = await connectTemporal({ address: temporalAddress(), namespace: 'default' });
    try {
      const auth = testAuth(db);
      const log = collector();
      const logger = createLogger({ level: 'info', format: 'json', service: 'hub', destination: log.stream });
      const metrics = createHubMetrics({ stageCounts: documentStageCounts(db) });
      const token = crypto.randomBytes(16).toString('hex');
      const orders = createOrderService({
        db,
        temporal,
        taskQueue: `observability-${crypto.randomUUID()}`,
        temporalUiUrl: 'http://ui',
        namespace: 'default',
        log: () => undefined,
      });
      const app = createApp({ auth, orders, readiness: {}, logger, metrics, metricsToken: token });
      const rep = await createUser(auth, 'rep');
      const agent = await agentFor(app, rep);

      const order = sampleOrder();
      const created = await agent.post('/api/orders').set('X-Request-Id', 'device-sync-0001').send(order).expect(201);
      expect(created.headers['x-request-id']).toBe('device-sync-0001');
      await agent.post('/api/orders').send(order).expect(200); // the outbox replays it
      await agent.get(`/api/orders/${order.id}`).expect(200);
      await agent
        .post('/api/orders')
        .send({ ...sampleOrder(), currency: 12 })
        .expect(400);

      const lines = log.lines.filter((l) => l.msg === 'request');
      const post = lines.find((l) => l.reqId === 'device-sync-0001');
      expect(post).toMatchObject({
        service: 'hub',
        method: 'POST',
        route: '/api/orders',
        status: 201,
        orderId: order.id,
        workflowId: `order-${order.id}`,
        userId: rep.id,
      });
      const about = lines.filter((l) => String(l.path).startsWith('/api/orders') && l.status !== 400);
      expect(about).toHaveLength(3);
      for (const line of about) expect(line).toMatchObject({ orderId: order.id, workflowId: `order-${order.id}`, reqId: expect.any(String) });
      expect(new Set(lines.map((l) => l.reqId)).size).toBe(lines.length);

      await request(app).get('/metrics').expect(401);
      await request(app).get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
      const scraped = await request(app).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
      expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
      const samples = parseMetrics(scraped.text);
      expect(sample(samples, 'satchel_documents', { stage: 'received', kind: 'order' })).toBe(1);
      expect(sample(samples, 'satchel_outbox_replays_total', { kind: 'order' })).toBe(1);
      expect(sample(samples, 'satchel_outbox_accepted_total', { kind: 'order' })).toBe(1);
      expect(sample(samples, 'satchel_http_request_duration_seconds_count', { method: 'POST', route: '/api/orders', status: '201' })).toBe(1);
      expect(sample(samples, 'satchel_http_request_duration_seconds_count', { method: 'GET', route: '/api/orders/:id', status: '200' })).toBe(1);

      // A stage change in the database shows on the next scrape (any hub replica would say the same).
      await db.Order.update({ stage: 'in_zoho' }, { where: { id: order.id } });
      const again = parseMetrics((await request(app).get('/metrics').set('Authorization', `Bearer ${token}`)).text);
      expect(sample(again, 'satchel_documents', { stage: 'in_zoho', kind: 'order' })).toBe(1);
      expect(sample(again, 'satchel_documents', { stage: 'received', kind: 'order' })).toBeUndefined();
    } finally {
      await temporal.connection.close();
      await cleanup();
    }
  }, 60_000);

  it('serves no metrics at all without a configured token', async () => {
    const app = express().use(metricsRouter(createHubMetrics({ stageCounts: async () => [] }), undefined));
    const res = await request(app).get('/metrics').set('Authorization', 'Bearer anything').expect(404);
    expect(res.body.error.message).toMatch(/METRICS_TOKEN/);
  });
});

describe('Temporal connection from standard configuration (@temporalio/envconfig)', () => {
  const pem = (what: string) => `-----BEGIN ${what}-----\nMIIB${crypto.randomBytes(24).toString('base64')}\n-----END ${what}-----\n`;

  it('reads address, namespace and an API key (which turns TLS on) from the environment', () => {
    const { temporal } = loadConfig({
      TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233',
      TEMPORAL_NAMESPACE: 'satchel.a1b2c',
      TEMPORAL_API_KEY: 'key-123',
    });
    expect(temporal.address).toBe('eu-west-1.aws.api.temporal.io:7233');
    expect(temporal.namespace).toBe('satchel.a1b2c');
    expect(temporal.connection).toEqual({ address: 'eu-west-1.aws.api.temporal.io:7233', apiKey: 'key-123', tls: true });
  });

  it('reads mTLS certificates from paths, and a TOML profile chosen by TEMPORAL_PROFILE; variables override the profile', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envconfig-'));
    try {
      const cert = pem('CERTIFICATE');
      const key = pem('PRIVATE KEY');
      fs.writeFileSync(path.join(dir, 'client.pem'), cert);
      fs.writeFileSync(path.join(dir, 'client.key'), key);
      const fromEnv = loadConfig({
        TEMPORAL_ADDRESS: 'satchel.a1b2c.tmprl.cloud:7233',
        TEMPORAL_NAMESPACE: 'satchel.a1b2c',
        TEMPORAL_TLS_CLIENT_CERT_PATH: path.join(dir, 'client.pem'),
        TEMPORAL_TLS_CLIENT_KEY_PATH: path.join(dir, 'client.key'),
        TEMPORAL_TLS_SERVER_NAME: 'satchel.a1b2c.tmprl.cloud',
      }).temporal.connection;
      expect(fromEnv.tls).toMatchObject({ serverNameOverride: 'satchel.a1b2c.tmprl.cloud', clientCertPair: { crt: Buffer.from(cert), key: Buffer.from(key) } });

      fs.writeFileSync(
        path.join(dir, 'temporal.toml'),
        [
          '[profile.prod]',
          'address = "prod.example:7233"',
          'namespace = "satchel-prod"',
          'api_key = "from-profile"',
          '',
          '[profile.default]',
          'address = "default.example:7233"',
          '',
        ].join('\n'),
      );
      const profile = loadConfig({ TEMPORAL_CONFIG_FILE: path.join(dir, 'temporal.toml'), TEMPORAL_PROFILE: 'prod' }).temporal;
      expect(profile).toMatchObject({ address: 'prod.example:7233', namespace: 'satchel-prod', connection: { apiKey: 'from-profile', tls: true } });
      const overridden = loadConfig({ TEMPORAL_CONFIG_FILE: path.join(dir, 'temporal.toml'), TEMPORAL_PROFILE: 'prod', TEMPORAL_NAMESPACE: 'other' }).temporal;
      expect(overridden.namespace).toBe('other');
      expect(() => loadConfig({ TEMPORAL_CONFIG_FILE: path.join(dir, 'missing.toml') })).toThrow(/TEMPORAL_CONFIG_FILE/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('defaults to the local dev server, namespace default, no TLS', () => {
    const { temporal } = loadConfig({ HOME: os.tmpdir() });
    expect(temporal).toMatchObject({ address: 'localhost:7233', namespace: 'default', connection: { address: 'localhost:7233' } });
    expect(temporal.connection.tls).toBeUndefined();
  });

  it('connects for real through it: client and worker connections from a profile file alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envconfig-'));
    try {
      fs.writeFileSync(path.join(dir, 'temporal.toml'), `[profile.test]\naddress = "${temporalAddress()}"\nnamespace = "default"\n`);
      const { temporal } = loadConfig({ TEMPORAL_CONFIG_FILE: path.join(dir, 'temporal.toml'), TEMPORAL_PROFILE: 'test' });
      expect(temporal.address).toBe(temporalAddress());
      const client = await connectTemporal(temporal);
      const info = await client.workflowService.getSystemInfo({});
      expect(info.serverVersion).toMatch(/\d+\.\d+/);
      await client.connection.close();
      const native = await NativeConnection.connect(temporal.connection);
      await native.close();
      // And a wrong address fails plainly, naming it.
      await expect(connectTemporal(loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:9', HOME: os.tmpdir() }).temporal)).rejects.toThrow(/127\.0\.0\.1:9/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
