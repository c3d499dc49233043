/** Hub process entry point: config, database (migrated), Temporal, then the HTTP API and client. */
import path from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { connectTemporal } from '../workflows/client';
import { runMain } from '../server/startup';
import { createLogger } from '../server/observability/logger';
import { createHubMetrics } from '../server/observability/metrics';
import { documentStageCounts } from './observability/stage-counts';
import { createApp } from './app';
import { createOrderService } from './services/orders';
import { createSampleOrderSource } from './services/sample-order';
import { createZoho, zohoReachable } from '../server/zoho';
import { secretBox } from '../server/secrets/secret-key';
import { createZohoConnectionService } from './services/zoho-connection-service';
import { createApiCallCounter } from '../server/zoho/api-call-counter';
import { createAuth, DEMO_USERS } from './auth';
import { createCatalogueService } from './catalogue/service';
import { createMappingService } from './services/mappings';
import { createMappingEvaluator } from '../server/mappings/sandbox/evaluator';
import { catalogueScheduleOptions, ensureCatalogueSchedule } from '../workflows/catalogue-schedule';

const DISPATCH_INTERVAL_MS = 10_000;

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, service: 'hub' });
  const db = await openDatabase(config.database);
  await migrate(db.sequelize, (m) => logger.info(m));
  const temporal = await connectTemporal(config.temporal);
  const zohoCalls = createApiCallCounter(db);
  const zoho = createZoho(config, db, 'hub', zohoCalls);
  // Services and the error handler report through this: an Error is a failure, anything else a warning.
  const log = (msg: string, extra?: unknown) =>
    extra instanceof Error ? logger.error({ err: extra }, msg) : logger.warn(extra === undefined ? {} : { detail: extra }, msg);

  const auth = createAuth(db, config.auth);
  if (config.auth.demoUsers) {
    const seeded = await auth.users.seedDemo(DEMO_USERS);
    if (seeded) logger.info(`created the demo accounts: ${DEMO_USERS.map((u) => `${u.email} / ${u.password}`).join(', ')}`);
  }

  const orders = createOrderService({
    db,
    temporal,
    taskQueue: config.temporal.taskQueue,
    temporalUiUrl: config.temporal.uiUrl,
    namespace: config.temporal.namespace,
    log,
  });
  // Mapping previews and save checks run in their own processes, started now rather than at the first preview.
  const evaluator = createMappingEvaluator(config.mappingSandbox);
  evaluator.warm();
  const metrics = createHubMetrics({ stageCounts: documentStageCounts(db) });
  const zohoConnection = createZohoConnectionService({
    db,
    defaults: config.zoho,
    box: secretBox(config),
    publicUrl: config.publicUrl,
    audit: auth.audit,
    counter: zohoCalls,
    zoho: () => zoho.current(),
  });
  const app = createApp({
    auth,
    secureCookies: config.auth.secureCookies,
    orders,
    readiness: {
      database: () => db.sequelize.authenticate(),
      temporal: () => temporal.workflowService.getSystemInfo({}),
      // The accounts server of the connection in force (the console's, else the environment's).
      zoho: async () => zohoReachable((await zohoConnection.store.effective()).settings),
    },
    sampleOrders: config.zoho.sandbox ? createSampleOrderSource(zoho) : undefined,
    clientDir: path.resolve(__dirname, '../dist/client'),
    consoleDir: path.resolve(__dirname, '../dist/console'),
    zohoConnection,
    catalogue: createCatalogueService({ db, temporal, zoho, repField: config.catalogue.repField }),
    mappings: createMappingService({
      db,
      audit: auth.audit,
      customFields: (entity) => zoho.customFields.list(entity),
      evaluator,
      previewPerMinute: config.mappingSandbox.previewPerMinute,
    }),
    log,
    logger,
    metrics,
    metricsToken: config.observability.metricsToken,
    trustProxy: config.trustProxy,
  });
  // The catalogue sync's Temporal Schedule: created when missing, updated when its settings changed.
  void ensureCatalogueSchedule(temporal, catalogueScheduleOptions(config)).then(
    (r) => r !== 'unchanged' && logger.info(`catalogue sync schedule ${r}`),
    (err) => log('catalogue sync schedule', (err as Error).message),
  );

  // Orders stored while Temporal was unreachable get their workflows started here.
  const dispatch = () => orders.dispatchPending().catch((err) => log('dispatcher', (err as Error).message));
  await dispatch();
  const timer = setInterval(dispatch, DISPATCH_INTERVAL_MS);

  const server = app.listen(config.port, () => logger.info({ port: config.port }, `hub listening on ${config.publicUrl}`));
  const stop = () => {
    clearInterval(timer);
    server.close(() => {
      void temporal.connection.close().finally(() => db.close().finally(() => process.exit(0)));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
