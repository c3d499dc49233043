/**
 * The hub's app in a process of its own for bench/sign-in-flood.ts, so the flood's load generator
 * does not share its event loop: auth with the throttle and hashing limits from SIGN_IN_* (as
 * config/index.ts reads them), on a migrated database at HUB_DB_URL, on HUB_PORT. No Temporal
 * (no orders in this bench). Prints "hub ready".
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Connection, Client } from '@temporalio/client';
import { loadConfig } from '../../config';
import { createApp } from '../../hub/app';
import { createAuth } from '../../hub/auth';
import { createOrderService } from '../../hub/services/orders';
import { openDatabase } from '../../server/db/connect';

async function main(): Promise<void> {
  const url = process.env.HUB_DB_URL!;
  const config = loadConfig();
  const db = await openDatabase({ url, dialect: url.startsWith('sqlite:') ? 'sqlite' : 'postgres', logging: false });
  const auth = createAuth(db, { sessionIdleDays: 30, sessionMaxDays: 90, throttle: config.auth.throttle, hashing: config.auth.hashing });
  const log = (msg: string, err?: unknown) => console.error(msg, (err as Error)?.message ?? '');
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const orders = createOrderService({ db, temporal, taskQueue: 'none', temporalUiUrl: 'http://localhost:8233', namespace: 'default', log });
  const app = createApp({ auth, orders, readiness: {}, log });
  // The hub's own event-loop delay, printed when the bench stops it.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  process.once('SIGTERM', () => {
    console.log(
      `hub event-loop delay: p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`,
    );
    process.exit(0);
  });
  app.listen(Number(process.env.HUB_PORT), '127.0.0.1', () =>
    console.log(`hub ready ${JSON.stringify(config.auth.hashing)} ${JSON.stringify(config.auth.throttle)}`),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
