/** Worker process entry point (`npm start` runs it; in production, one or more replicas). */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config';
import { openDatabase } from '../hub/db/connect';
import { createZoho, zohoBudget } from '../hub/zoho';
import { runMain, ServiceUnavailableError } from '../scripts/lib/run-main';
import { PdfPrinter } from './pdf';
import { createWorkers, runWorkers } from './worker';
import { catalogueCurrentPrices } from '../hub/catalogue/current-prices';
import { createCatalogueStore } from '../hub/catalogue/store';

runMain(async () => {
  const config = loadConfig();
  // The SDK's INFO lines (webpack stats, state changes) drown the useful ones in `npm start`.
  Runtime.install({ logger: new DefaultLogger(config.logLevel === 'debug' ? 'DEBUG' : 'WARN') });
  const db = await openDatabase(config.database);
  const connection = await NativeConnection.connect({ address: config.temporal.address }).catch((err: Error) => {
    throw new ServiceUnavailableError(
      `Temporal is not reachable at ${config.temporal.address} (${err.message}). Run \`npm start\`, or set TEMPORAL_ADDRESS to a running server.`,
    );
  });
  // One Chromium for the whole worker process, launched on the first PDF.
  const printer = new PdfPrinter({ executablePath: config.chromiumPath, maxConcurrent: config.documents.pdfMaxConcurrent });
  const workers = await createWorkers({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    zoho: createZoho(config, db, 'worker'),
    product: config.zoho.product,
    zohoActivitiesPerSecond: zohoBudget(config, 'worker') / 60,
    printer,
    mail: { smtp: config.mail.smtpUrl, from: config.mail.from },
    documents: config.documents,
    catalogueRepField: config.catalogue.repField,
    // The price check compares the device's prices with the synced catalogue's.
    prices: catalogueCurrentPrices(createCatalogueStore(db)),
  });
  console.log(`worker polling task queues ${config.temporal.taskQueue} and ${config.temporal.taskQueue}-zoho`);
  try {
    await runWorkers(workers);
  } finally {
    await printer.close();
    await connection.close();
    await db.close();
  }
});
