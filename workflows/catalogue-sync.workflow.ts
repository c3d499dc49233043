/**
 * The catalogue sync: Zoho → hub, one run per schedule tick (Temporal Schedule `catalogue-sync`)
 * or on demand ("sync from Zoho now"). Deterministic: every read and write is an activity.
 *
 * Each Zoho call is its own activity on the Zoho task queue (rate-capped across workers, shared
 * with order pushes), and the workflow paces them to `callsPerMinute` with durable timers, so a
 * full pass of 50,000 items never takes the whole budget: only one catalogue call waits in the
 * queue at a time, and order pushes get the slots in between. Long runs continue-as-new with their
 * state, so histories stay small. Progress: the `progress` query; counts: the result and the memo.
 */
import { continueAsNew, defineQuery, proxyActivities, setHandler, sleep, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { CatalogueDbActivities, CatalogueZohoActivities } from './activities/catalogue';
import type { PageResult, PagerCursor, StepCounts } from '../server/catalogue/sync';
import { zohoTaskQueue } from './task-queues';

export type CatalogueSyncMode = 'auto' | 'full' | 'incremental';

export interface CatalogueSyncInput {
  /** auto: incremental, with a full pass when the last one is older than `fullEveryMs`. */
  mode?: CatalogueSyncMode;
  /** Pace of catalogue calls to Zoho (the rest of the budget stays with order pushes). */
  callsPerMinute?: number;
  /** Contact details (one call each) fetched per run: changed contacts first, then the backlog. */
  detailsPerRun?: number;
  fullEveryMs?: number;
  /** Continue-as-new once the run's history is longer than this many events (tests set it low). */
  historyLimit?: number;
  /** Carried over continue-as-new. */
  state?: CatalogueSyncState;
}

type Phase = 'plan' | 'organization' | 'locations' | 'items' | 'pricelists' | 'contacts' | 'details' | 'finish' | 'done';
type Step = 'organization' | 'locations' | 'items' | 'pricelists' | 'contacts' | 'details' | 'finish';

export interface CatalogueSyncState {
  runId: string;
  startedAt: number;
  phase: Phase;
  full: boolean;
  needOrganization: boolean;
  items: { cursor: PagerCursor | null; highWater?: PageResult['highWater']; pages: number; completed: boolean };
  contacts: { cursor: PagerCursor | null; highWater?: PageResult['highWater']; pages: number; completed: boolean };
  details: { done: number; due: number };
  counts: Partial<Record<Step, StepCounts>>;
  calls: number;
  /** Workflow time before which the next Zoho call must not start (pacing). */
  nextCallAt: number;
  continuedAsNew: number;
  finishedAt?: number;
  head?: number;
  deleted?: number;
}

export interface CatalogueSyncProgress {
  runId: string;
  phase: Phase;
  full: boolean;
  startedAt: string;
  finishedAt?: string;
  calls: number;
  itemPages: number;
  contactPages: number;
  detailsFetched: number;
  detailsDue: number;
  counts: Partial<Record<Step, StepCounts>>;
  totals: { fetched: number; changed: number; skipped: number; deleted: number };
  /** The hub's change number after the run (what a device's cursor reaches). */
  head?: number;
}

export type CatalogueSyncResult = CatalogueSyncProgress;

export const catalogueProgressQuery = defineQuery<CatalogueSyncProgress>('progress');

const DEFAULTS = { mode: 'auto' as CatalogueSyncMode, callsPerMinute: 60, detailsPerRun: 50, fullEveryMs: 24 * 3600_000, historyLimit: 2000 };

const db = proxyActivities<CatalogueDbActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 10 },
});

function totals(counts: CatalogueSyncState['counts']) {
  const t = { fetched: 0, changed: 0, skipped: 0, deleted: 0 };
  for (const c of Object.values(counts)) {
    if (!c) continue;
    t.fetched += c.fetched;
    t.changed += c.changed;
    t.skipped += c.skipped;
    t.deleted += c.deleted;
  }
  return t;
}

function progressOf(s: CatalogueSyncState): CatalogueSyncProgress {
  return {
    runId: s.runId,
    phase: s.phase,
    full: s.full,
    startedAt: new Date(s.startedAt).toISOString(),
    ...(s.finishedAt ? { finishedAt: new Date(s.finishedAt).toISOString() } : {}),
    calls: s.calls,
    itemPages: s.items.pages,
    contactPages: s.contacts.pages,
    detailsFetched: s.details.done,
    detailsDue: s.details.due,
    counts: s.counts,
    totals: totals(s.counts),
    ...(s.head !== undefined ? { head: s.head } : {}),
  };
}

function add(s: CatalogueSyncState, step: Step, c: StepCounts): void {
  const prev = s.counts[step] ?? { fetched: 0, changed: 0, skipped: 0, deleted: 0, calls: 0 };
  s.counts[step] = {
    fetched: prev.fetched + c.fetched,
    changed: prev.changed + c.changed,
    skipped: prev.skipped + c.skipped,
    deleted: prev.deleted + c.deleted,
    calls: prev.calls + c.calls,
  };
  s.calls += c.calls;
}

export async function catalogueSyncWorkflow(input: CatalogueSyncInput = {}): Promise<CatalogueSyncResult> {
  const opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & CatalogueSyncInput;
  const info = workflowInfo();
  const zoho = proxyActivities<CatalogueZohoActivities>({
    taskQueue: zohoTaskQueue(info.taskQueue),
    startToCloseTimeout: '5 minutes',
    heartbeatTimeout: '30 seconds',
    // Rate-limit failures carry their own delay (until Zoho's window resets); others back off.
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 12 },
  });
  const gapMs = 60_000 / Math.max(1, opts.callsPerMinute);

  const s: CatalogueSyncState = input.state ?? {
    runId: info.workflowId,
    startedAt: Date.now(),
    phase: 'plan',
    full: false,
    needOrganization: false,
    items: { cursor: null, pages: 0, completed: false },
    contacts: { cursor: null, pages: 0, completed: false },
    details: { done: 0, due: 0 },
    counts: {},
    calls: 0,
    nextCallAt: 0,
    continuedAsNew: 0,
  };
  setHandler(catalogueProgressQuery, () => progressOf(s));

  /** One Zoho step, no sooner than the pace allows; the next one waits for the calls this one made. */
  async function paced<T extends { calls: number } | { counts: StepCounts }>(run: () => Promise<T>): Promise<T> {
    const wait = s.nextCallAt - Date.now();
    if (wait > 0) await sleep(wait);
    const started = Date.now();
    const result = await run();
    const calls = 'calls' in result ? result.calls : result.counts.calls;
    s.nextCallAt = started + calls * gapMs;
    return result;
  }

  const memo = () => upsertMemo({ catalogue: { phase: s.phase, full: s.full, calls: s.calls, ...totals(s.counts) } });

  async function maybeContinue(): Promise<void> {
    const now = workflowInfo();
    if (now.continueAsNewSuggested || now.historyLength > opts.historyLimit) {
      await continueAsNew<typeof catalogueSyncWorkflow>({ ...input, state: { ...s, continuedAsNew: s.continuedAsNew + 1 } });
    }
  }

  while (s.phase !== 'done') {
    switch (s.phase) {
      case 'plan': {
        const plan = await db.cataloguePlan(opts.mode, opts.fullEveryMs, Date.now());
        s.full = plan.full;
        s.needOrganization = plan.needOrganization;
        s.items = { cursor: plan.items, pages: 0, completed: plan.items === null };
        s.contacts = { cursor: plan.contacts, pages: 0, completed: false };
        s.phase = s.needOrganization ? 'organization' : 'locations';
        memo();
        break;
      }
      case 'organization':
        add(s, 'organization', await paced(() => zoho.catalogueOrganization()));
        s.phase = 'locations';
        break;
      case 'locations':
        add(s, 'locations', await paced(() => zoho.catalogueLocations()));
        s.phase = 'items';
        break;
      case 'items': {
        if (!s.items.cursor) {
          s.phase = 'pricelists';
          break;
        }
        const cursor = s.items.cursor;
        const page = await paced(() => zoho.catalogueItemsPage(s.runId, s.full, cursor, s.items.highWater));
        add(s, 'items', page.counts);
        s.items.pages++;
        s.items.cursor = page.next;
        s.items.highWater = page.highWater;
        if (!page.next) {
          s.items.completed = true;
          s.phase = 'pricelists';
          memo();
        }
        break;
      }
      case 'pricelists':
        add(s, 'pricelists', await paced(() => zoho.cataloguePriceLists()));
        s.phase = 'contacts';
        memo();
        break;
      case 'contacts': {
        const cursor = s.contacts.cursor;
        if (!cursor) {
          s.contacts.completed = true;
          s.phase = 'details';
          break;
        }
        const page = await paced(() => zoho.catalogueContactsPage(s.runId, s.full, cursor, s.contacts.highWater));
        add(s, 'contacts', page.counts);
        s.contacts.pages++;
        s.contacts.cursor = page.next;
        s.contacts.highWater = page.highWater;
        if (!page.next) {
          s.contacts.completed = true;
          s.phase = 'details';
          memo();
        }
        break;
      }
      case 'details': {
        const left = opts.detailsPerRun - s.details.done;
        const { ids, due } = await db.catalogueDueContactDetails(Math.min(20, left));
        s.details.due = due;
        if (ids.length === 0 || left <= 0) {
          s.phase = 'finish';
          break;
        }
        for (const id of ids) {
          add(s, 'details', await paced(() => zoho.catalogueContactDetail(id)));
          s.details.done++;
          s.details.due = Math.max(0, s.details.due - 1);
        }
        break;
      }
      case 'finish': {
        const done = await db.catalogueFinish({
          runId: s.runId,
          full: s.full,
          nowMs: Date.now(),
          items: { completed: s.items.completed, highWater: s.items.highWater },
          contacts: { completed: s.contacts.completed, highWater: s.contacts.highWater },
        });
        add(s, 'finish', { fetched: 0, changed: done.changed, skipped: 0, deleted: done.deleted, calls: 0 });
        s.head = done.head;
        s.finishedAt = Date.now();
        s.phase = 'done';
        memo();
        break;
      }
    }
    if (s.phase !== 'done') await maybeContinue();
  }
  return progressOf(s);
}
