/**
 * The worker: workflows and database activities on the main task queue, Zoho activities on the
 * Zoho task queue, capped by `maxTaskQueueActivitiesPerSecond` (a server-side limit, so it holds
 * across every worker process together) to stay inside the organization's per-minute budget.
 */
import type { OrderTermsSettings, ZohoProduct } from '../domain';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Database } from '../server/db/connect';
import type { ZohoClient } from '../zoho/connector';
import type { Transporter } from 'nodemailer';
import type { DocumentSettings } from '../config';
import type { DefaultMappingOptions, Mapping, MappingTarget } from '../mappings';
import {
  createMailActivities,
  createMappingActivities,
  createOrderDbActivities,
  createPdfActivities,
  createZohoActivities,
  type CurrentPrices,
} from './activities';
import type { PdfPrinter } from './pdf';
import { zohoTaskQueue } from './task-queues';
import type { WorkerMetrics } from '../server/observability/metrics';
import { activityMetricsInterceptor } from './observability';
import { createActiveMappings } from '../server/mappings/active-mappings';
import { createMappingEvaluator, type MappingEvaluator } from '../server/mappings/sandbox/evaluator';
import { createOrderRepository } from '../server/orders/repository';
import { createHubPreflight } from '../server/orders/hub-preflight';
import type { ItemQuantityFields } from '../server/catalogue/zoho-records';
import { createCatalogueDbActivities, createCatalogueZohoActivities } from './activities/catalogue';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  zoho: ZohoClient;
  product: ZohoProduct;
  /** Zoho activities per second across all workers (each makes one call on the happy path). */
  zohoActivitiesPerSecond: number;
  /** A prebuilt workflow bundle (tests, production); otherwise the worker bundles workflows/index.ts. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The worker's one shared Chromium (created by the caller, closed by it). */
  printer: PdfPrinter;
  mail: { smtp: string | Transporter; from: string };
  documents: DocumentSettings;
  /** The hub's current prices for the price check (the catalogue's, once synced). */
  prices?: CurrentPrices;
  /** Where mappings run (MAPPING_* settings); default: a pool with the default limits. */
  mappingEvaluator?: MappingEvaluator;
  /** Tests: a fixed mapping instead of the database's active versions. */
  mappingFor?: (target: MappingTarget) => Mapping;
  /** Catalogue sync: the contact custom field naming the assigned rep (CATALOGUE_REP_FIELD). */
  catalogueRepField?: string;
  /** Catalogue sync: the item custom fields holding minimum order quantities and pack sizes (CATALOGUE_*_FIELD). */
  catalogueItemQuantityFields?: ItemQuantityFields;
  /** Catalogue sync: the contact custom field holding customers on hold (CATALOGUE_ON_HOLD_FIELD). */
  catalogueOnHoldField?: string;
  /** Catalogue sync: the organization's tax preferences and the payment methods the devices get (ZOHO_PRICES_INCLUDE_TAX, ZOHO_TAX_ROUNDING, PAYMENT_METHODS). */
  orderTerms?: OrderTermsSettings;
  /** The default mappings' settings (ORDER_PAYMENT_METHOD_FIELD: the custom field the payment method goes to). */
  mappingDefaults?: DefaultMappingOptions;
  /** Worker metrics: activity outcomes and times, PDF render time (production; most tests leave it out). */
  metrics?: WorkerMetrics;
  /** The product of the Zoho connection in force (it may change in the console); default: `product`. */
  currentProduct?: () => Promise<ZohoProduct>;
}

/**
 * Activities whose behaviour depends on the Zoho product: built for both and picked per call from
 * the connection in force, so a product changed in the console applies without a restart.
 */
function byProduct<T extends object>(deps: WorkerDeps, make: (product: ZohoProduct) => T): T {
  const current = deps.currentProduct;
  if (!current) return make(deps.product);
  const built = { inventory: make('inventory'), books: make('books') } as Record<ZohoProduct, Record<string, (...args: unknown[]) => unknown>>;
  return Object.fromEntries(Object.keys(built.inventory).map((name) => [name, async (...args: unknown[]) => built[await current()][name]!(...args)])) as T;
}

export async function createWorkers(deps: WorkerDeps): Promise<Worker[]> {
  const { connection, namespace, taskQueue } = deps;
  const workflowSource = deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('./index') };
  // One cache of the active mapping versions for both queues (order mappings, contact mapping).
  const active = createActiveMappings(deps.db, { defaults: deps.mappingDefaults });
  const orders = createOrderRepository(deps.db);
  // One pool of evaluator processes for both queues: an idle one never keeps the process alive.
  const evaluator = deps.mappingEvaluator ?? createMappingEvaluator();
  const activityInterceptors = deps.metrics ? { interceptors: { activity: [activityMetricsInterceptor(deps.metrics)] } } : {};
  const main = await Worker.create({
    connection,
    namespace,
    taskQueue,
    ...workflowSource,
    ...activityInterceptors,
    activities: {
      ...createOrderDbActivities({
        orders,
        prices: deps.prices,
        priceCheckPolicy: deps.documents.priceCheckPolicy,
        editWindowMs: deps.documents.editWindowMs,
        preflight: createHubPreflight({ db: deps.db, listPrices: deps.prices }),
      }),
      ...byProduct(deps, (product) => createMappingActivities({ orders, product, active, evaluator, mappingFor: deps.mappingFor })),
      ...createPdfActivities({ orders, printer: deps.printer, settings: deps.documents, onRendered: deps.metrics?.pdfRendered }),
      ...createMailActivities({ orders, smtp: deps.mail.smtp, from: deps.mail.from, settings: deps.documents }),
      ...byProduct(deps, (product) =>
        createCatalogueDbActivities({
          db: deps.db,
          product,
          repField: deps.catalogueRepField,
          itemQuantityFields: deps.catalogueItemQuantityFields,
          onHoldField: deps.catalogueOnHoldField,
          orderTerms: deps.orderTerms,
        }),
      ),
    },
  });
  const zoho = await Worker.create({
    connection,
    namespace,
    taskQueue: zohoTaskQueue(taskQueue),
    ...activityInterceptors,
    activities: {
      ...byProduct(deps, (product) => createZohoActivities({ orders, zoho: deps.zoho, product, active, evaluator })),
      ...byProduct(deps, (product) =>
        createCatalogueZohoActivities({
          db: deps.db,
          zoho: deps.zoho,
          product,
          repField: deps.catalogueRepField,
          itemQuantityFields: deps.catalogueItemQuantityFields,
          onHoldField: deps.catalogueOnHoldField,
          orderTerms: deps.orderTerms,
        }),
      ),
    },
    maxTaskQueueActivitiesPerSecond: deps.zohoActivitiesPerSecond,
    maxConcurrentActivityTaskExecutions: 8,
  });
  return [main, zoho];
}

/** Run workers until one fails or the process is asked to stop (SIGINT/SIGTERM). */
export async function runWorkers(workers: Worker[]): Promise<void> {
  try {
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  }
}
