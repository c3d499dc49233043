/**
 * Catalogue sync activities: thin adapters over the sync engine (server/catalogue/sync.ts). Those
 * that call Zoho (one call each, at most a few for price lists) run on the Zoho task queue, whose
 * server-side rate the worker caps, so catalogue pulls share the organization's budget with order
 * pushes. Those that only touch the database run on the main queue.
 */
import { Context } from '@temporalio/activity';
import { createCatalogueSync, type CatalogueSyncDeps, type PageResult, type PagerCursor, type RunPlan, type StepCounts } from '../../server/catalogue/sync';
import { asActivities } from './failures';
import { withHeartbeat } from './heartbeat';

export type CatalogueActivityDeps = CatalogueSyncDeps;

/** Skipped-record warnings go to the activity's logger (with workflow and activity ids). */
function warn(msg: string, detail?: Record<string, unknown>): void {
  try {
    Context.current().log.warn(msg, detail);
  } catch {
    console.warn(msg, detail ?? '');
  }
}

const syncOf = (deps: CatalogueSyncDeps) => createCatalogueSync({ ...deps, warn: deps.warn ?? warn });

type FinishInput = Parameters<ReturnType<typeof createCatalogueSync>['finish']>[0];

/** Database-only steps: main task queue (they make no Zoho call, so the Zoho client is not needed). */
export function createCatalogueDbActivities(deps: Omit<CatalogueSyncDeps, 'zoho'> & Partial<Pick<CatalogueSyncDeps, 'zoho'>>) {
  const sync = syncOf({ ...deps, zoho: deps.zoho ?? (undefined as unknown as CatalogueSyncDeps['zoho']) });
  return asActivities({
    async cataloguePlan(mode: 'auto' | 'full' | 'incremental', fullEveryMs: number, nowMs: number): Promise<RunPlan> {
      return sync.plan(mode, fullEveryMs, nowMs);
    },
    async catalogueDueContactDetails(limit: number): Promise<{ ids: string[]; due: number }> {
      return { ids: await sync.dueContactDetails(limit), due: await sync.countDueContactDetails() };
    },
    async catalogueFinish(input: FinishInput): Promise<{ deleted: number; changed: number; head: number }> {
      return withHeartbeat(() => sync.finish(input));
    },
  });
}

/** Steps that call Zoho: Zoho task queue; each heartbeats, so a lost worker is noticed in seconds. */
export function createCatalogueZohoActivities(deps: CatalogueSyncDeps) {
  const sync = syncOf(deps);
  return asActivities({
    catalogueOrganization: (): Promise<StepCounts> => withHeartbeat(() => sync.organization()),
    catalogueLocations: (): Promise<StepCounts> => withHeartbeat(() => sync.locations()),
    catalogueItemsPage: (runId: string, full: boolean, cursor: PagerCursor, highWater?: PageResult['highWater']): Promise<PageResult> =>
      withHeartbeat(() => sync.itemsPage(runId, full, cursor, highWater)),
    cataloguePriceLists: (): Promise<StepCounts> => withHeartbeat(() => sync.priceLists()),
    catalogueContactsPage: (runId: string, full: boolean, cursor: PagerCursor, highWater?: PageResult['highWater']): Promise<PageResult> =>
      withHeartbeat(() => sync.contactsPage(runId, full, cursor, highWater)),
    catalogueContactDetail: (contactId: string): Promise<StepCounts> => withHeartbeat(() => sync.contactDetail(contactId)),
  });
}

export type CatalogueDbActivities = ReturnType<typeof createCatalogueDbActivities>;
export type CatalogueZohoActivities = ReturnType<typeof createCatalogueZohoActivities>;
