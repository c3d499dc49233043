/**
 * The order workflow survives its infrastructure failing: a worker SIGKILLed in the middle of the
 * Zoho create (another worker finishes the order), and the Temporal server itself restarted in the
 * middle of a workflow (a dev server of this test's own, with a database file). Each ends with
 * exactly one sales order in the sandbox and exactly one email.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { documentNumber } from '../domain';
import { PdfPrinter } from '../workflows/pdf';
import { statusQuery } from '../workflows/signals';
import { startStack, type Stack } from './support/documents';
import { exited, freePort, killWorker, startTemporalServer, startWorkerProcess } from './support/processes';
import { bundleWorkflows, eventually, temporalAddress } from './support/temporal';

jest.setTimeout(240_000);

let bundle: WorkflowBundleWithSourceMap;
let printer: PdfPrinter;
beforeAll(async () => {
  bundle = await bundleWorkflows();
  printer = new PdfPrinter();
});
afterAll(() => printer?.close());

const CREATE = '^POST /inventory/v1/salesorders$';

/** True while the sandbox holds a sales-order create that has not been answered yet. */
const createInFlight = (stack: Stack) => () =>
  Promise.resolve(stack.sandbox.stats.recent.some((r) => r.method === 'POST' && r.path === '/salesorders' && r.status === 'dropped') ? true : undefined);

describe('a worker killed mid-activity', () => {
  let stack: Stack;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    stack = await startStack({ dialect: 'postgres', product: 'inventory', bundle, printer, noWorkers: true });
  });
  afterAll(async () => {
    for (const c of children) killWorker(c);
    await stack?.close();
  });

  const workerEnv = () => ({
    WORKER_DB_URL: stack.databaseConfig.url,
    WORKER_SANDBOX_URL: stack.sandboxUrl,
    WORKER_SMTP_URL: stack.mail.smtpUrl,
    WORKER_TASK_QUEUE: stack.taskQueue,
    WORKER_PRODUCT: 'inventory',
    TEMPORAL_ADDRESS: temporalAddress(),
  });

  it('is replaced by another worker, which adopts the sales order instead of creating a second', async () => {
    // Zoho is slow: the create is in Zoho's hands when the worker dies, and Zoho commits it anyway.
    stack.sandbox.faults.set({ latencyMs: 3000, match: CREATE });
    const first = await startWorkerProcess(workerEnv());
    children.push(first);
    const input = stack.order();
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);

    await eventually(createInFlight(stack), { what: 'the sales-order create to reach Zoho', timeoutMs: 60_000, intervalMs: 50 });
    killWorker(first);
    await exited(first);
    // Zoho finishes what it was given; nobody hears the answer.
    await eventually(async () => (stack.documentsNumbered(number).length === 1 ? true : undefined), { what: 'Zoho to commit the create' });
    stack.sandbox.faults.clear();

    const second = await startWorkerProcess(workerEnv());
    children.push(second);
    const done = await stack.untilStage(input.id, 'done', 120_000);
    expect(done.timeline.find((e: { stage: string }) => e.stage === 'in_zoho').note).toMatch(/found in Zoho after an unconfirmed create/);
    expect(stack.documentsNumbered(number)).toHaveLength(1);
    await stack.mail.waitFor((m) => m.subject.includes(number));
    expect(stack.mailsFor(number)).toHaveLength(1);
  });
});

describe('the Temporal server restarted mid-workflow', () => {
  let stack: Stack;
  let server: ChildProcess | undefined;
  let dir: string;
  let port: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-temporal-'));
    port = await freePort();
    server = await startTemporalServer(port, path.join(dir, 'temporal.db'));
    stack = await startStack({ dialect: 'sqlite', product: 'inventory', bundle, printer, temporalAddress: `127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await stack?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await exited(server);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the order after the server comes back, with one sales order and one email', async () => {
    stack.sandbox.faults.set({ latencyMs: 3000, match: CREATE });
    const input = stack.order();
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    await eventually(createInFlight(stack), { what: 'the sales-order create to reach Zoho', timeoutMs: 60_000, intervalMs: 50 });

    // The server goes away while the activity runs, and comes back on the same port and database.
    server!.kill('SIGKILL');
    await exited(server!);
    await new Promise((r) => setTimeout(r, 2000));
    stack.sandbox.faults.clear();
    server = await startTemporalServer(port, path.join(dir, 'temporal.db'));

    await stack.untilStage(input.id, 'done', 150_000);
    expect(stack.documentsNumbered(number)).toHaveLength(1);
    await stack.mail.waitFor((m) => m.subject.includes(number));
    expect(stack.mailsFor(number)).toHaveLength(1);
    // The hub says done once the last activity ran; the workflow says so too (a draft in Zoho: it then takes the rep's revisions for a while).
    const handle = stack.client.workflow.getHandle(`order-${input.id}`);
    await eventually(async () => ((await handle.query(statusQuery)).stage === 'done' ? true : undefined), { what: 'the workflow to be done' });
  });
});
