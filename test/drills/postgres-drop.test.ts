/**
 * Drill: PostgreSQL drops every connection of the hub and the workers, again and again, while
 * orders are being accepted and pushed (`pg_terminate_backend`, as a failover or a restarted
 * pooler would). The hub may answer 5xx for a moment, never anything a device would give up on;
 * the devices' replays succeed later, the workers' activities retry; every order once in Zoho.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sequelize } from 'sequelize';
import { POSTGRES_ADMIN_URL } from '../support/databases';
import { replayAll } from '../support/devices';
import type { Stack } from '../support/documents';
import { devicesFor, expectExactlyOnce, untilAllInZoho, useDrillStack } from './helpers';

jest.setTimeout(300_000);

const drillStack = useDrillStack({ dialect: 'postgres', product: 'inventory' });
let stack: Stack;
let server: Server;
let admin: Sequelize;

beforeAll(async () => {
  stack = drillStack();
  server = stack.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  admin = new Sequelize(POSTGRES_ADMIN_URL, { logging: false });
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await admin?.close();
});

/** Terminate every connection to the test database but our own; how many went. */
async function dropConnections(): Promise<number> {
  const database = new URL(stack.databaseConfig.url).pathname.slice(1);
  const [rows] = await admin.query('SELECT pg_terminate_backend(pid) AS gone FROM pg_stat_activity WHERE datname = :database AND pid <> pg_backend_pid()', {
    replacements: { database },
  });
  return (rows as Array<{ gone: boolean }>).filter((r) => r.gone).length;
}

it('survives its connections being dropped mid-flow: transient 5xx at most, every order once', async () => {
  const devices = await devicesFor(stack, 6, 5);
  const ids = devices.flatMap((d) => d.outbox.map((o) => o.id));
  const { port } = server.address() as AddressInfo;
  const replaying = replayAll(devices, { baseUrl: `http://127.0.0.1:${port}`, paceMs: 200, retryDelayMs: 150, deadline: Date.now() + 60_000 });

  // Drop everything every 300 ms while the outboxes drain and the workflows push: a number of
  // rounds, not a stretch of wall-clock time (on a busy machine a round takes longer, and a
  // time-boxed loop then drops too few times to prove anything). At least one round must have
  // found connections to drop.
  let dropped = 0;
  for (let round = 0; round < 14 || dropped === 0; round++) {
    if (round > 200) throw new Error('no hub connection to drop in 200 rounds');
    dropped += await dropConnections();
    await new Promise((r) => setTimeout(r, 300));
  }

  const stats = await replaying;
  expect(dropped).toBeGreaterThan(0);
  // Whatever the hub answered while its database was gone, a device could retry it.
  expect(stack.unhandled).toEqual([]);
  for (const key of Object.keys(stats.transient)) expect(key).toBe('HTTP 503');
  expect(stats.errors).toEqual([]);
  expect(stats.undelivered).toEqual([]);
  expect(stats.accepted).toBe(ids.length);
  expect(stats.replaysCreated).toBe(0);

  // Activities that met a dropped connection wait out Temporal's backoff before their retry: on a
  // machine busy with the other drills that takes longer than the default wait.
  await untilAllInZoho(stack, ids, 200_000);
  await expectExactlyOnce(stack, ids);
  // The hub works normally again once the database is back.
  const res = await stack.support.get(`/api/orders/${ids[0]}`).expect(200);
  expect(res.body.order.zohoId).toBeTruthy();
});
