/**
 * The catalogue as the hub's API offers it: the data set (scoped to the user), item images, and
 * the sync's controls. Routes (hub/routes/catalogue.ts) stay thin.
 */
import type { Client } from '@temporalio/client';
import { ScheduleNotFoundError } from '@temporalio/client';
import type { Database } from '../../server/db/connect';
import type { ZohoClient } from '../../zoho/connector';
import { catalogueSyncStatus, triggerCatalogueSync, CATALOGUE_SCHEDULE_ID } from '../../workflows/catalogue-schedule';
import { createImageCache } from './images';
import { createCatalogueStore } from '../../server/catalogue/store';
import { catalogueLoadStatus, forgetCompletedSync, type CatalogueLoadStatus } from '../../server/catalogue/load-status';
import { AppError } from '../../server/errors';

/** The signed-in user as the auth middleware sets it (`req.user`). */
export interface CatalogueUser {
  id: string;
  email?: string;
  role: string;
}

export interface CatalogueServiceDeps {
  db: Database;
  /** For "sync now" and progress; without it those answer 503. */
  temporal?: Client;
  /** For item images; without it images answer 404. */
  zoho?: Pick<ZohoClient, 'items'>;
  /** Contact custom field naming the assigned rep (config CATALOGUE_REP_FIELD); unset: no scoping. */
  repField?: string;
  scheduleId?: string;
}

/**
 * Whose customers a user's data set holds: undefined = everyone's (support, admins, or no
 * assignment in use); otherwise the rep key (their e-mail, lower case) matched against the field.
 */
export function datasetScope(user: CatalogueUser, repField: string | undefined): string | undefined {
  if (!repField || user.role !== 'rep') return undefined;
  return (user.email ?? user.id).trim().toLowerCase();
}

export function createCatalogueService(deps: CatalogueServiceDeps) {
  const store = createCatalogueStore(deps.db);
  const images = deps.zoho ? createImageCache({ db: deps.db, zoho: deps.zoho, store }) : undefined;
  const scheduleId = deps.scheduleId ?? CATALOGUE_SCHEDULE_ID;

  function temporal(): Client {
    if (!deps.temporal) throw new AppError('unavailable', 'The catalogue sync is not available: this hub has no Temporal connection');
    return deps.temporal;
  }

  async function scheduled<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ScheduleNotFoundError)
        throw new AppError('unavailable', `The catalogue sync schedule "${scheduleId}" does not exist yet; it is created when the hub starts`);
      throw err;
    }
  }

  return {
    store,
    scopeFor: (user: CatalogueUser) => datasetScope(user, deps.repField),
    image: (itemId: string) => (images ? images.get(itemId) : Promise.resolve(undefined)),
    syncNow: () => scheduled(() => triggerCatalogueSync(temporal(), scheduleId)),
    /** The schedule's progress and recent runs, with whether the hub's catalogue is still loading. */
    syncStatus: async () => {
      const [status, catalogue] = await Promise.all([scheduled(() => catalogueSyncStatus(temporal(), scheduleId)), catalogueLoadStatus(store)]);
      return { ...status, catalogue };
    },
    /** Whether the first full pass has finished (else: loading, with the items so far). */
    loadStatus: (): Promise<CatalogueLoadStatus> => catalogueLoadStatus(store),
    /**
     * First start (or a first sync cut short): run the sync now rather than at the schedule's next
     * tick, up to CATALOGUE_SYNC_INTERVAL away. A no-op once the catalogue is complete.
     */
    async syncIfLoading(): Promise<{ triggered: boolean; runningWorkflowId?: string } | undefined> {
      if ((await catalogueLoadStatus(store)).state === 'ready') return undefined;
      return scheduled(() => triggerCatalogueSync(temporal(), scheduleId));
    },
    /**
     * A newly connected Zoho organization: a full pass now (a sync still running for the old one
     * is replaced), devices told the catalogue is loading.
     */
    async organizationChanged(): Promise<{ triggered: boolean; runningWorkflowId?: string; replacedWorkflowId?: string }> {
      await forgetCompletedSync(store);
      return scheduled(() => triggerCatalogueSync(temporal(), scheduleId, { replaceRunning: true }));
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
