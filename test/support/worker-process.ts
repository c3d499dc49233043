/**
 * A worker in its own process, for tests that kill it (SIGKILL mid-activity) and start another.
 * Configured by environment: WORKER_DB_URL, WORKER_SANDBOX_URL, WORKER_SMTP_URL, WORKER_TASK_QUEUE,
 * WORKER_PRODUCT, TEMPORAL_ADDRESS; optional WORKER_ZOHO_PER_WINDOW + WORKER_ZOHO_WINDOW_MS (the connector's
 * limiter, for a sandbox whose minute is compressed) and WORKER_ZOHO_PER_SECOND. Prints "worker ready" once it polls.
 */
import type { ZohoProduct } from '../../domain';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../../config';
import { openDatabase } from '../../server/db/connect';
import { PdfPrinter } from '../../workflows/pdf';
import { createWorkers, runWorkers } from '../../workflows/worker';
import { createZohoClient, InProcessRateLimiter, MemoryTokenStore } from '../../zoho/connector';

async function main(): Promise<void> {
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
  };
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const url = env('WORKER_DB_URL');
  const db = await openDatabase({ url, dialect: url.startsWith('sqlite:') ? 'sqlite' : 'postgres', logging: false });
  const sandbox = env('WORKER_SANDBOX_URL');
  const product = env('WORKER_PRODUCT') as ZohoProduct;
  const config = loadConfig({});
  const printer = new PdfPrinter();
  const perWindow = Number(process.env.WORKER_ZOHO_PER_WINDOW ?? 0);
  const limiter =
    perWindow > 0 ? new InProcessRateLimiter({ perWindow, windowMs: Number(process.env.WORKER_ZOHO_WINDOW_MS ?? 60_000), maxPauseWaitMs: 2000 }) : undefined;
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const workers = await createWorkers({
    connection,
    namespace: 'default',
    taskQueue: env('WORKER_TASK_QUEUE'),
    db,
    zoho: createZohoClient(
      { ...config.zoho, product, accountsUrl: sandbox, apiDomain: sandbox },
      { tokenStore: new MemoryTokenStore(), timeoutMs: 10_000, limiter },
    ),
    product,
    zohoActivitiesPerSecond: Number(process.env.WORKER_ZOHO_PER_SECOND ?? 50),
    printer,
    mail: { smtp: env('WORKER_SMTP_URL'), from: 'Satchel <orders@satchel.test>' },
    documents: config.documents,
  });
  console.log('worker ready');
  await runWorkers(workers);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
