/**
 * The hub's API in its own process, for drills that kill it (SIGKILL while devices replay) and for
 * the reconnect-storm benchmark (its memory measured apart from everything else). The same parts
 * as hub/server.ts — orders service, auth, app, the dispatcher for orders stored while Temporal
 * was away — on a database that is already migrated. Configured by environment: HUB_DB_URL,
 * HUB_PORT, HUB_TASK_QUEUE, TEMPORAL_ADDRESS, HUB_DISPATCH_MS (default 1000). Prints "hub ready".
 */
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../hub/app';
import { LISTEN_BACKLOG } from '../../hub/listen';
import { openDatabase } from '../../server/db/connect';
import { createOrderService } from '../../hub/services/orders';
import { testAuth } from './auth';

async function main(): Promise<void> {
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
  };
  const url = env('HUB_DB_URL');
  const db = await openDatabase({ url, dialect: url.startsWith('sqlite:') ? 'sqlite' : 'postgres', logging: false });
  const connection = await Connection.connect({ address: env('TEMPORAL_ADDRESS') });
  const temporal = new Client({ connection, namespace: 'default' });
  const log = (msg: string, extra?: unknown) => console.error(msg, extra ?? '');
  const orders = createOrderService({ db, temporal, taskQueue: env('HUB_TASK_QUEUE'), temporalUiUrl: 'http://localhost:8233', namespace: 'default', log });
  const app = createApp({ auth: testAuth(db), orders, readiness: {}, log });
  const dispatch = () => orders.dispatchPending().catch((err: unknown) => log('dispatcher', (err as Error).message));
  // As hub/server.ts: whatever a hub that died left unstarted is started now, then on the interval.
  void dispatch();
  setInterval(dispatch, Number(process.env.HUB_DISPATCH_MS ?? 1000));
  const server = app.listen(Number(env('HUB_PORT')), '127.0.0.1', LISTEN_BACKLOG, () => console.log('hub ready'));
  server.keepAliveTimeout = 65_000; // many devices on kept-alive connections, as behind a load balancer
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
