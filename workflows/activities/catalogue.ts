/**
 * Catalogue sync activities. Those that call Zoho (one call each, at most a few for price lists)
 * run on the Zoho task queue, whose server-side rate the worker caps, so catalogue pulls share the
 * organization's budget with order pushes. Those that only touch the database run on the main queue.
 */
import type { ZohoProduct } from '../../domain';
import { Context } from '@temporalio/activity';
import type { Database } from '../../server/db/connect';
import { createCatalogueSync, type PageResult, type PagerCursor, type RunPlan, type StepCounts } from '../../server/catalogue/sync';
import type { ZohoClient } from '../../zoho/connector';
import { toActivityFailure } from './zoho-failures';

export interface CatalogueActivityDeps {
  db: Database;
  zoho: ZohoClient;
  product: ZohoProduct;
  /** Contact custom field (api_name) naming the assigned rep; unset: customers are shared. */
  repField?: string;
  /** Where skipped-record warnings go (default: the activity logger). */
  warn?: (msg: string, detail?: Record<string, unknown>) => void;
}

function warn(msg: string, detail?: Record<string, unknown>): void {
  try {
    Context.current().log.warn(msg, detail);
  } catch {
    console.warn(msg, detail ?? '');
  }
}

/** Heartbeat while a long write runs, so a lost worker is noticed in seconds. */
async function beating<T>(run: () => Promise<T>): Promise<T> {
  let ctx: Context | undefined;
  try {
    ctx = Context.current();
  } catch {
    return run();
  }
  ctx.heartbeat();
  const timer = setInterval(() => ctx!.heartbeat(), 2000);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}

async function zohoStep<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await beating(run);
  } catch (err) {
    throw toActivityFailure(err);
  }
}

function build(deps: CatalogueActivityDeps) {
  return createCatalogueSync({ ...deps, warn: deps.warn ?? warn });
}

/** Database-only steps: main task queue. */
export function createCatalogueDbActivities(deps: Omit<CatalogueActivityDeps, 'zoho'> & { zoho?: ZohoClient }) {
  const sync = () => build({ ...deps, zoho: deps.zoho ?? (undefined as unknown as ZohoClient) });
  return {
    async cataloguePlan(mode: 'auto' | 'full' | 'incremental', fullEveryMs: number, nowMs: number): Promise<RunPlan> {
      return sync().plan(mode, fullEveryMs, nowMs);
    },
    async catalogueDueContactDetails(limit: number): Promise<{ ids: string[]; due: number }> {
      const s = sync();
      return { ids: await s.dueContactDetails(limit), due: await s.countDueContactDetails() };
    },
    async catalogueFinish(input: Parameters<ReturnType<typeof build>['finish']>[0]): Promise<{ deleted: number; changed: number; head: number }> {
      return beating(() => sync().finish(input));
    },
  };
}

/** Steps that call Zoho: Zoho task queue. */
export function createCatalogueZohoActivities(deps: CatalogueActivityDeps) {
  const sync = build(deps);
  return {
    catalogueOrganization: (): Promise<StepCounts> => zohoStep(() => sync.organization()),
    catalogueLocations: (): Promise<StepCounts> => zohoStep(() => sync.locations()),
    catalogueItemsPage: (runId: string, full: boolean, cursor: PagerCursor, highWater?: PageResult['highWater']): Promise<PageResult> =>
      zohoStep(() => sync.itemsPage(runId, full, cursor, highWater)),
    cataloguePriceLists: (): Promise<StepCounts> => zohoStep(() => sync.priceLists()),
    catalogueContactsPage: (runId: string, full: boolean, cursor: PagerCursor, highWater?: PageResult['highWater']): Promise<PageResult> =>
      zohoStep(() => sync.contactsPage(runId, full, cursor, highWater)),
    catalogueContactDetail: (contactId: string): Promise<StepCounts> => zohoStep(() => sync.contactDetail(contactId)),
  };
}

export type CatalogueDbActivities = ReturnType<typeof createCatalogueDbActivities>;
export type CatalogueZohoActivities = ReturnType<typeof createCatalogueZohoActivities>;
