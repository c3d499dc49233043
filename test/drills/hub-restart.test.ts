/**
 * Drill: the hub is killed (SIGKILL) and started again while devices replay their outboxes. The
 * devices keep sending (and re-sending) through the restart, as the rep's app does; afterwards
 * every order is on the hub once and in Zoho once. PostgreSQL, a hub in a process of its own,
 * workers and the sandbox from the test stack.
 */
import type { ChildProcess } from 'node:child_process';
import { replayAll } from '../support/devices';
import type { Stack } from '../support/documents';
import { exited, freePort, killWorker, startHubProcess } from '../support/processes';
import { eventually, temporalAddress } from '../support/temporal';
import { devicesFor, expectExactlyOnce, untilAllInZoho, useDrillStack } from './helpers';

jest.setTimeout(300_000);

const drillStack = useDrillStack({ dialect: 'postgres', product: 'inventory' });
let stack: Stack;
let hub: ChildProcess | undefined;
let port: number;

const hubEnv = () => ({
  HUB_DB_URL: stack.databaseConfig.url,
  HUB_PORT: String(port),
  HUB_TASK_QUEUE: stack.taskQueue,
  TEMPORAL_ADDRESS: temporalAddress(),
});

beforeAll(async () => {
  stack = drillStack();
  port = await freePort();
  hub = await startHubProcess(hubEnv());
});
afterAll(async () => {
  if (hub) killWorker(hub);
});

it('loses and duplicates nothing when the hub dies in the middle of a replay', async () => {
  const devices = await devicesFor(stack, 8, 5);
  const ids = devices.flatMap((d) => d.outbox.map((o) => o.id));
  const replaying = replayAll(devices, { baseUrl: `http://127.0.0.1:${port}`, paceMs: 250, retryDelayMs: 150, deadline: Date.now() + 60_000 });

  // Let part of the outboxes through, then kill the hub and bring it back on the same port.
  await eventually(async () => ((await stack.db.Order.count({ where: { id: ids } })) >= ids.length / 4 ? true : undefined), {
    what: 'a quarter of the orders to reach the hub',
    intervalMs: 20,
  });
  const storedBeforeKill = await stack.db.Order.count({ where: { id: ids } });
  killWorker(hub!);
  await exited(hub!);
  await new Promise((r) => setTimeout(r, 500));
  hub = await startHubProcess(hubEnv());

  const stats = await replaying;
  // The restart really landed mid-replay: some orders were in, some not, and devices saw the hub gone.
  expect(storedBeforeKill).toBeGreaterThan(0);
  expect(storedBeforeKill).toBeLessThan(ids.length);
  expect(Object.values(stats.transient).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  expect(stats.errors).toEqual([]);
  expect(stats.undelivered).toEqual([]);
  expect(stats.accepted).toBe(ids.length);
  expect(stats.replays).toBeGreaterThan(0);
  expect(stats.replaysCreated).toBe(0);

  await untilAllInZoho(stack, ids, 200_000); // Temporal's backoff after the kill takes longer on a busy machine
  await expectExactlyOnce(stack, ids);
});
