/**
 * Drill: the hub accepts orders while Temporal does not answer (its server frozen with SIGSTOP),
 * then dies (SIGKILL) with their workflows not started. Acceptance must not wait for Temporal
 * (hub/services/workflow-starter.ts: the committed row is the promise), and a new hub, once
 * Temporal is back, starts every one of them on its own start, each exactly once. A hub process
 * of its own, a Temporal dev server of its own, SQLite and PostgreSQL.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { CSRF_HEADER, CSRF_VALUE, SESSION_COOKIE } from '../../hub/auth';
import type { Database } from '../../server/db/connect';
import { openDatabase } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import { createUser, testAuth } from '../support/auth';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { sampleOrder } from '../support/orders';
import { exited, freePort, killWorker, startHubProcess, startTemporalServer } from '../support/processes';
import { eventually } from '../support/temporal';

jest.setTimeout(180_000);

describe.each(DIALECTS)('a hub that dies between the commit and the workflow start, on %s', (dialect) => {
  let dir: string;
  let target: TestDatabase;
  let db: Database;
  let temporal: ChildProcess | undefined;
  let hub: ChildProcess | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-hub-dies-'));
    target = await createTestDatabase(dialect);
    db = await openDatabase(target.config);
    await migrate(db.sequelize);
  });
  afterAll(async () => {
    if (hub) killWorker(hub);
    if (temporal && temporal.exitCode === null) {
      temporal.kill('SIGCONT');
      temporal.kill('SIGTERM');
      await exited(temporal);
    }
    await db?.close();
    await target?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers without Temporal, and the next hub starts every stored workflow once', async () => {
    const temporalPort = await freePort();
    temporal = await startTemporalServer(temporalPort, path.join(dir, 'temporal.db'));
    const hubPort = await freePort();
    const env = {
      HUB_DB_URL: target.config.url,
      HUB_PORT: String(hubPort),
      HUB_TASK_QUEUE: `hub-dies-${dialect}`,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      // No interval run during the drill: only the kick after each order and the hub's own start.
      HUB_DISPATCH_MS: '3600000',
    };
    hub = await startHubProcess(env);
    const auth = testAuth(db);
    const rep = (await db.User.findByPk((await createUser(auth, 'rep')).id))!;
    const { token } = await auth.sessions.open(rep, 'drill device');

    // Temporal freezes: connections stay open, nothing answers.
    temporal.kill('SIGSTOP');
    const orders = Array.from({ length: 6 }, () => sampleOrder());
    for (const order of orders) {
      const res = await fetch(`http://127.0.0.1:${hubPort}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE, cookie: `${SESSION_COOKIE}=${token}` },
        body: JSON.stringify(order),
        // Waiting for the frozen Temporal would hang here (the start used to be inside the request).
        signal: AbortSignal.timeout(5000),
      });
      expect(res.status).toBe(201);
    }
    const ids = orders.map((o) => o.id);
    expect(await db.Order.count({ where: { id: ids, workflowStarted: false } })).toBe(ids.length);

    // The hub dies with its starts unsent or unanswered; Temporal comes back; a new hub starts.
    killWorker(hub);
    await exited(hub);
    temporal.kill('SIGCONT');
    hub = await startHubProcess(env);

    await eventually(async () => ((await db.Order.count({ where: { id: ids, workflowStarted: true } })) === ids.length ? true : undefined), {
      what: 'every stored order’s workflow started by the new hub',
      timeoutMs: 60_000,
    });
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection });
      for (const id of ids) {
        // Exactly one run per order, whether the dead hub's start reached Temporal or not.
        expect((await client.workflow.count(`WorkflowId = "order-${id}"`)).count).toBe(1);
        expect((await client.workflow.getHandle(`order-${id}`).describe()).status.name).toBe('RUNNING');
      }
    } finally {
      await connection.close();
    }
  });
});
