/** Worker process entry point (`npm start` runs it; in production, one or more replicas). */
import { NativeConnection, Runtime } from '@temporalio/worker';
import { assertWorkerMetricsProtected, loadConfig } from '../config';
import { openDatabase } from '../server/db/connect';
import { createZoho, zohoBudget } from '../server/zoho';
import { runMain, ServiceUnavailableError } from '../server/startup';
import { chromiumPath, PdfPrinter } from './pdf';
import { createWorkers, runWorkers } from './worker';
import { catalogueCurrentPrices } from '../server/catalogue/current-prices';
import { createCatalogueStore } from '../server/catalogue/store';
import { createLogger } from '../server/observability/logger';
import { createWorkerMetrics } from '../server/observability/metrics';
import { serveMetrics } from '../server/observability/metrics-server';
import { TemporalPinoLogger } from './observability';
import { observeZohoCalls } from '../zoho/connector/http';
import { workflowBundleOption } from './bundle';
import { createMappingEvaluator } from '../server/mappings/sandbox/evaluator';

runMain(async () => {
  const config = loadConfig();
  assertWorkerMetricsProtected(config);
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, service: 'worker' });
  // Workflow and activity log lines carry workflowId, runId, activity type and the order id; the
  // SDK's own INFO lines (webpack stats, state changes) pass only at LOG_LEVEL=debug.
  Runtime.install({ logger: new TemporalPinoLogger(logger) });
  const workflowBundle = workflowBundleOption(config.temporal.workflowBundlePath);
  const metrics = createWorkerMetrics();
  observeZohoCalls(metrics.zohoCall);
  const { workerMetricsPort: metricsPort, workerMetricsHost: metricsHost, metricsToken } = config.observability;
  // Metrics are worth a warning, never a worker that does not start (e.g. the port is taken).
  const metricsServer = metricsPort
    ? await serveMetrics({ registry: metrics.registry, host: metricsHost, port: metricsPort, token: metricsToken }).catch((err: Error) => {
        logger.warn({ err, port: metricsPort }, 'worker metrics server did not start (set WORKER_METRICS_PORT to a free port, or 0 for none)');
        return undefined;
      })
    : undefined;
  const db = await openDatabase(config.database);
  const connection = await NativeConnection.connect(config.temporal.connection).catch((err: Error) => {
    throw new ServiceUnavailableError(
      `Temporal is not reachable at ${config.temporal.address} (${err.message}). Run \`npm start\`, or set TEMPORAL_ADDRESS to a running server.`,
    );
  });
  // One Chromium for the whole worker process, launched on the first PDF. Without one the worker
  // still starts: each PDF step fails with "no browser for PDFs: ..." and Temporal retries it,
  // looking for a browser again every time.
  const printer = new PdfPrinter({ executablePath: config.chromiumPath, maxConcurrent: config.documents.pdfMaxConcurrent });
  try {
    chromiumPath(config.chromiumPath);
  } catch (err) {
    logger.warn(`${(err as Error).message}. Orders wait at their PDF step (retrying) until there is one.`);
  }
  // Follows the connection saved in the console (else the ZOHO_* environment) without a restart.
  const zoho = createZoho(config, db, 'worker');
  const evaluator = createMappingEvaluator(config.mappingSandbox);
  evaluator.warm();
  const workers = await createWorkers({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    zoho,
    product: config.zoho.product,
    currentProduct: async () => (await zoho.current()).product,
    zohoActivitiesPerSecond: zohoBudget(config, 'worker') / 60,
    printer,
    mail: { smtp: config.mail.smtpUrl, from: config.mail.from },
    documents: config.documents,
    catalogueRepField: config.catalogue.repField,
    catalogueItemQuantityFields: config.catalogue.itemQuantityFields,
    catalogueOnHoldField: config.catalogue.onHoldField,
    orderTerms: config.catalogue.orderTerms,
    mappingDefaults: { paymentMethodField: config.catalogue.paymentMethodField },
    // The price check compares the device's prices with the synced catalogue's.
    prices: catalogueCurrentPrices(createCatalogueStore(db)),
    workflowBundle,
    metrics,
    // Mappings (orders, contacts) run in their own processes, bounded by the MAPPING_* settings.
    mappingEvaluator: evaluator,
  });
  logger.info(
    {
      taskQueues: [config.temporal.taskQueue, `${config.temporal.taskQueue}-zoho`],
      namespace: config.temporal.namespace,
      bundle: workflowBundle ? 'prebuilt' : 'bundled at start',
      metricsPort: metricsServer?.port,
    },
    `worker polling task queues ${config.temporal.taskQueue} and ${config.temporal.taskQueue}-zoho`,
  );
  try {
    await runWorkers(workers);
  } finally {
    await metricsServer?.close();
    await printer.close();
    await connection.close();
    await db.close();
  }
});
