/**
 * A worker on a machine without a browser: it starts, an order waits at its PDF step with the
 * reason on its page ("no browser for PDFs: ..."), retried by Temporal, and goes on to `done` once
 * a browser is configured, without restarting anything. Real parts: SQLite, the Temporal dev
 * server, the Zoho sandbox, SMTP, and (once configured) the machine's Chromium.
 */
import crypto from 'node:crypto';
import { type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { loadConfig } from '../config';
import { createApp } from '../hub/app';
import { createOrderService } from '../hub/services/orders';
import type { Database } from '../server/db/connect';
import { createWorkers, runWorkers } from '../workflows/worker';
import { findBrowser, PdfPrinter } from '../workflows/pdf';
import { createZohoClient, MemoryTokenStore } from '../zoho/connector';
import { createSandbox } from '../zoho/sandbox';
import { startMailCatcher, type MailCatcher } from '../devservices/mail-catcher';
import { openTestDatabase } from './support/databases';
import { sampleOrder } from './support/orders';
import { bundleWorkflows, connectTemporalForTest, eventually } from './support/temporal';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';

jest.setTimeout(120_000);

describe('PDF printer without a browser', () => {
  it('is created without one, and says what to install when asked to print', async () => {
    const printer = new PdfPrinter({ executablePath: () => undefined, lookup: { candidates: [], marker: '/nonexistent/chromium-path' } });
    try {
      await expect(printer.print('<p>x</p>')).rejects.toThrow(/^no browser for PDFs: no Chromium on this machine; install Chromium \(apt-get install chromium/);
      expect(printer.load).toEqual({ active: 0, waiting: 0 });
    } finally {
      await printer.close();
    }
  });

  it('names a configured path that is not a browser', async () => {
    const printer = new PdfPrinter({ executablePath: '/nonexistent/chromium' });
    try {
      await expect(printer.print('<p>x</p>')).rejects.toThrow(
        /^no browser for PDFs: PUPPETEER_EXECUTABLE_PATH=\/nonexistent\/chromium is not an executable file/,
      );
    } finally {
      await printer.close();
    }
  });
});

describe('an order while the worker has no browser', () => {
  let db: Database;
  let cleanupDb: () => Promise<void>;
  let sandbox: ReturnType<typeof createSandbox>;
  let temporal: Awaited<ReturnType<typeof connectTemporalForTest>>;
  let workers: Worker[];
  let running: Promise<void>;
  let bundle: WorkflowBundleWithSourceMap;
  let printer: PdfPrinter;
  let mail: MailCatcher;
  let rep: Agent;
  let support: Agent;
  // What PUPPETEER_EXECUTABLE_PATH would say; the printer reads it before every launch.
  let browserPath: string | undefined = '/nonexistent/chromium';
  const realBrowser = findBrowser(process.env.PUPPETEER_EXECUTABLE_PATH);
  const taskQueue = `no-browser-${crypto.randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    printer = new PdfPrinter({ executablePath: () => browserPath });
    ({ db, cleanup: cleanupDb } = await openTestDatabase('sqlite'));
    sandbox = createSandbox({ seed: { items: 5, customers: 2 } });
    const { url: base } = await sandbox.listen(0, '127.0.0.1');
    mail = await startMailCatcher();
    temporal = await connectTemporalForTest();
    const zoho = createZohoClient({ ...loadConfig({}).zoho, accountsUrl: base, apiDomain: base }, { tokenStore: new MemoryTokenStore() });
    workers = await createWorkers({
      connection: temporal.native,
      namespace: 'default',
      taskQueue,
      db,
      zoho,
      product: 'inventory',
      zohoActivitiesPerSecond: 50,
      workflowBundle: bundle,
      printer,
      mail: { smtp: mail.smtpUrl, from: 'Satchel <orders@satchel.test>' },
      documents: loadConfig({}).documents,
    });
    running = runWorkers(workers);
    const auth = testAuth(db);
    const orders = createOrderService({
      db,
      temporal: temporal.client,
      taskQueue,
      temporalUiUrl: 'http://localhost:8233',
      namespace: 'default',
      log: () => undefined,
    });
    const app = createApp({ auth, orders, readiness: {} });
    rep = await agentFor(app, await createUser(auth, 'rep'));
    support = await agentFor(app, await createUser(auth, 'support'));
  });

  afterAll(async () => {
    for (const w of workers ?? []) if (w.getState() === 'RUNNING') w.shutdown();
    await running;
    await printer?.close();
    await temporal?.close();
    await sandbox?.close();
    await mail?.close();
    await cleanupDb?.();
  });

  it('waits at the PDF step with the reason, then completes once a browser is configured', async () => {
    const customer = sandbox.fixtures.customer;
    const item = sandbox.fixtures.items[0]!;
    const input = sampleOrder({
      customer: { zohoContactId: customer.contact_id, name: customer.contact_name },
      lines: [{ itemId: item.item_id, name: item.name, quantity: 1, unitPrice: 1000 }],
    });
    await rep.post('/api/orders').send(input).expect(201);

    // The order reaches Zoho and then waits: its page names the step and why.
    const waiting = await eventually(
      async () => {
        const { body } = await support.get(`/api/orders/${input.id}`);
        const step = body.order?.pending?.find((p: { step: string }) => p.step === 'renderOrderPdf');
        return step?.lastFailure && step.attempt >= 2 ? { order: body.order, step } : undefined;
      },
      { what: 'the PDF step to fail for want of a browser', timeoutMs: 60_000 },
    );
    expect(waiting.step.lastFailure).toMatch(/^no browser for PDFs: PUPPETEER_EXECUTABLE_PATH=\/nonexistent\/chromium is not an executable file/);
    expect(['in_zoho', 'confirmed']).toContain(waiting.order.stage);
    expect(workers.every((w) => w.getState() === 'RUNNING')).toBe(true);

    // A browser is configured: the next attempt prints, with no restart.
    browserPath = realBrowser;
    const done = await eventually(
      async () => {
        const { body } = await support.get(`/api/orders/${input.id}`);
        return body.order?.stage === 'done' ? body.order : undefined;
      },
      { what: 'the order to complete once there is a browser', timeoutMs: 90_000 },
    );
    const stages = done.timeline.map((e: { stage: string }) => e.stage);
    expect(stages).toEqual(expect.arrayContaining(['in_zoho', 'pdf_ready', 'emailed', 'done']));
    expect(stages).not.toContain('needs_attention');
  });
});
