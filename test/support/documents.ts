/**
 * The document workflows on real parts, for integration tests: a migrated database, the Zoho sandbox,
 * an in-process SMTP server (the mail catcher), workers on the shared Temporal dev server, and the hub
 * app with signed-in agents. One call builds it; `close()` takes it down.
 */
import type { ZohoProduct } from '../../domain';
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { execFile } from 'node:child_process';
import { loadConfig, type DocumentSettings } from '../../config';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../devservices/mail-catcher';
import type { OrderInput } from '../../domain';
import { createApp } from '../../hub/app';
import type { Database } from '../../server/db/connect';
import { createOrderService } from '../../hub/services/orders';
import type { Mapping, MappingTarget } from '../../mappings';
import type { CurrentPrices } from '../../workflows/activities';
import type { PdfPrinter } from '../../workflows/pdf';
import { createWorkers, runWorkers } from '../../workflows/worker';
import { createZohoClient, InProcessRateLimiter, MemoryTokenStore } from '../../zoho/connector';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../zoho/sandbox';
import { agentFor, createUser, testAuth, type Agent } from './auth';
import { openDatabase } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createTestDatabase, type Dialect } from './databases';
import { sampleOrder } from './orders';
import { connectTemporalForTest, eventually } from './temporal';

export interface StackOptions {
  dialect: Dialect;
  product: ZohoProduct;
  bundle: WorkflowBundleWithSourceMap;
  printer: PdfPrinter;
  sandbox?: SandboxOptions;
  mappingFor?: (target: MappingTarget) => Mapping;
  prices?: CurrentPrices;
  documents?: Partial<DocumentSettings>;
  /** Zoho activities per second (the Zoho task queue's rate); default 50. */
  zohoPerSecond?: number;
  /** The connector's own limiter (default: unlimited enough for tests). */
  limiter?: { perWindow: number; windowMs: number; concurrency?: number };
  /** Don't start workers (a test runs its own, e.g. in a child process). */
  noWorkers?: boolean;
  /** A Temporal server of the test's own (default: the global dev server). */
  temporalAddress?: string;
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: unknown; parent?: { code?: unknown; message?: string } };
  return `${e.name} ${e.message}${e.code ? ` [${String(e.code)}]` : ''}${e.parent ? ` (driver: ${e.parent.message} [${String(e.parent.code)}])` : ''}`;
}

export async function startStack(o: StackOptions) {
  const target = await createTestDatabase(o.dialect);
  const db = await openDatabase(target.config);
  await migrate(db.sequelize);
  const cleanup = async () => {
    await db.close();
    await target.destroy();
  };
  const sandbox: Sandbox = createSandbox({ seed: { items: 20, customers: 5 }, ...o.sandbox });
  const { url } = await sandbox.listen(0, '127.0.0.1');
  const mail: MailCatcher = await startMailCatcher();
  const temporal = o.temporalAddress ? await connectTo(o.temporalAddress) : await connectTemporalForTest();
  const taskQueue = `docs-${o.product}-${o.dialect}-${crypto.randomBytes(4).toString('hex')}`;
  const zohoSettings = { ...loadConfig({}).zoho, product: o.product, accountsUrl: url, apiDomain: url };
  const documents: DocumentSettings = { ...loadConfig({}).documents, ...o.documents };
  const zoho = createZohoClient(zohoSettings, {
    tokenStore: new MemoryTokenStore(),
    timeoutMs: 5000,
    limiter: o.limiter ? new InProcessRateLimiter({ ...o.limiter, maxPauseWaitMs: 2000 }) : undefined,
  });

  let workers: Worker[] = [];
  let running: Promise<void> = Promise.resolve();
  if (!o.noWorkers) {
    workers = await createWorkers({
      connection: temporal.native,
      namespace: 'default',
      taskQueue,
      db,
      zoho,
      product: o.product,
      zohoActivitiesPerSecond: o.zohoPerSecond ?? 50,
      workflowBundle: o.bundle,
      printer: o.printer,
      mail: { smtp: mail.smtpUrl, from: 'Satchel <orders@satchel.test>' },
      documents,
      prices: o.prices,
      mappingFor: o.mappingFor,
    });
    running = runWorkers(workers);
  }

  const auth = testAuth(db);
  const orders = createOrderService({
    db,
    temporal: temporal.client,
    taskQueue,
    temporalUiUrl: 'http://localhost:8233',
    namespace: 'default',
    log: () => undefined,
  });
  // What reached the hub's error handler unclassified (a 500): a drill asserts there is none, and says which.
  const unhandled: string[] = [];
  const app = createApp({ auth, orders, readiness: {}, log: (msg, err) => unhandled.push(`${msg}: ${describeError(err)}`) });
  const repUser = await createUser(auth, 'rep');
  const rep: Agent = await agentFor(app, repUser);
  const support: Agent = await agentFor(app, await createUser(auth, 'support'));
  const fx = sandbox.fixtures;

  const stack = {
    db,
    databaseConfig: target.config,
    sandbox,
    sandboxUrl: url,
    zohoSettings,
    mail,
    client: temporal.client as Client,
    temporal,
    taskQueue,
    app,
    auth,
    unhandled,
    orders,
    rep,
    repUser,
    support,
    documents,

    /** A valid order for the sandbox's organization, taken by the test's rep. */
    order(overrides: Partial<OrderInput> = {}): OrderInput {
      return sampleOrder({
        customer: { zohoContactId: fx.customer.contact_id, name: fx.customer.contact_name },
        lines: fx.items.slice(0, 2).map((item, n) => ({
          itemId: item.item_id,
          name: item.name,
          quantity: n + 1,
          unitPrice: 1000 + n,
          taxPercent: n === 0 ? 10 : undefined,
        })),
        ...overrides,
      });
    },

    async untilStage(id: string, stage: string, timeoutMs = 60_000, path = 'orders') {
      return eventually(
        async () => {
          const res = await support.get(`/api/${path}/${id}`);
          const doc = res.body.order ?? res.body.customer;
          return doc?.stage === stage ? doc : undefined;
        },
        { what: `${path} ${id} to reach ${stage}`, timeoutMs },
      );
    },

    documentsNumbered(number: string) {
      const snap = sandbox.state.snapshot();
      return [...snap.salesorders.filter((d) => d.salesorder_number === number), ...snap.estimates.filter((d) => d.estimate_number === number)];
    },

    mailsFor(number: string): CaughtMail[] {
      return mail.messages().filter((m) => m.subject.includes(number));
    },

    async close() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await running;
      await temporal.close();
      await mail.close();
      await sandbox.close();
      await cleanup();
    },
  };
  return stack;
}

/**
 * The text of a PDF (all pages), to find the order number and total in it. Parsed by pdf-parse
 * (pdf.js) in a plain Node child: pdf.js loads its worker with a dynamic import, which Jest's VM
 * does not allow.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      const { text } = await parser.getText();
      await parser.destroy();
      process.stdout.write(text);
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { cwd: __dirname, maxBuffer: 16 * 1024 * 1024, timeout: 30_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}

export type { Database };

async function connectTo(address: string) {
  const connection = await Connection.connect({ address });
  const native = await NativeConnection.connect({ address });
  return {
    client: new TemporalClient({ connection, namespace: 'default' }),
    native,
    close: async () => {
      await connection.close();
      await native.close();
    },
  };
}
