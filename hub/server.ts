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
import { listenOn } from './listen';
import { createOrderService } from './services/orders';
import { createSampleOrderSource, demoHelpersAllowed } from './services/sample-order';
import { createZoho, zohoReachable } from '../server/zoho';
import { secretBox } from '../server/secrets/secret-key';
import { createZohoConnectionService } from './services/zoho-connection-service';
import { createApiCallCounter } from '../server/zoho/api-call-counter';
import { createAuth, DEMO_USERS } from './auth';
import { createCatalogueService } from './catalogue/service';
import { createMappingService } from './services/mappings';
import { createOrderPolicyService } from './services/order-policies';
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
    documentsPerUserPerHour: config.limits.documentsPerUserPerHour,
  });
  // Mapping previews and save checks run in their own processes, started now rather than at the first preview.
  const evaluator = createMappingEvaluator(config.mappingSandbox);
  evaluator.warm();
  const metrics = createHubMetrics({ stageCounts: documentStageCounts(db) });
  const catalogue = createCatalogueService({ db, temporal, zoho, repField: config.catalogue.repField });
  const zohoConnection = createZohoConnectionService({
    db,
    defaults: config.zoho,
    box: secretBox(config),
    publicUrl: config.publicUrl,
    audit: auth.audit,
    counter: zohoCalls,
    zoho: () => zoho.current(),
    // A newly connected organization: its catalogue now, not at the schedule's next tick.
    onOrganizationChanged: async () => {
      await catalogue.organizationChanged();
      logger.info('another Zoho organization is connected: catalogue sync started');
    },
    log,
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
    // Demo helpers: with the sandbox only, and never in production.
    sampleOrders: demoHelpersAllowed(config) ? createSampleOrderSource(zoho, config.catalogue.itemQuantityFields) : undefined,
    clientDir: path.resolve(__dirname, '../dist/client'),
    consoleDir: path.resolve(__dirname, '../dist/console'),
    zohoConnection,
    catalogue,
    mappings: createMappingService({
      db,
      audit: auth.audit,
      customFields: (entity) => zoho.customFields.list(entity),
      evaluator,
      previewPerMinute: config.mappingSandbox.previewPerMinute,
      defaults: { paymentMethodField: config.catalogue.paymentMethodField },
    }),
    policies: createOrderPolicyService({ db, audit: auth.audit }),
    log,
    logger,
    metrics,
    metricsToken: config.observability.metricsToken,
    trustProxy: config.trustProxy,
    temporalUiReadOnly: config.temporal.uiReadOnly,
  });
  // The catalogue sync's Temporal Schedule: created when missing, updated when its settings changed.
  // While the hub holds no complete catalogue (first start), the first sync runs now: devices are
  // told it is loading until then.
  void ensureCatalogueSchedule(temporal, catalogueScheduleOptions(config))
    .then(async (r) => {
      if (r !== 'unchanged') logger.info(`catalogue sync schedule ${r}`);
      const first = await catalogue.syncIfLoading();
      if (first?.triggered) logger.info('the hub holds no complete catalogue yet: catalogue sync from Zoho started');
    })
    .catch((err) => log('catalogue sync schedule', (err as Error).message));

  // Orders stored while Temporal was unreachable (or by a hub that died before starting them) get
  // their workflows started here: now, in the background (thousands may be waiting), then on the interval.
  const dispatch = () => orders.dispatchPending().catch((err) => log('dispatcher', (err as Error).message));
  void dispatch();
  const timer = setInterval(dispatch, DISPATCH_INTERVAL_MS);

  // Loopback unless HOST says otherwise: the demo accounts' passwords are published (containers set HOST=0.0.0.0).
  const server = await listenOn(app, config);
  logger.info({ host: config.host, port: config.port }, `hub listening on ${config.host}:${config.port} (${config.publicUrl})`);
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
