/**
 * The catalogue sync workflow against mocked activities on the local Temporal dev server, in
 * seconds: paging through items and contacts, the contact-details budget, continue-as-new with its
 * state (a low `historyLimit` makes it happen after a few steps), and the pacing of Zoho calls. The
 * real-stack version (test/catalogue-sync.test.ts) runs the sync against the Zoho sandbox.
 */
import { catalogueProgressQuery, type catalogueSyncWorkflow } from './catalogue-sync.workflow';
import { counts, CONTACTS_PER_PAGE, ITEMS_PER_PAGE, mockCatalogueActivities } from './testing/mock-activities';
import { newId, runChain, timersStarted, workflowHarness, type WorkflowHarness } from './testing/harness';

let h: WorkflowHarness;
beforeAll(async () => {
  h = await workflowHarness();
});
afterAll(() => h?.close());

/** Pacing that never waits in a test (60,000 calls a minute: 1 ms apart). */
const FAST = 60_000;

describe('catalogue sync workflow', () => {
  it('pages through items and contacts to the end, fetches the due contact details up to its budget, and counts it all', async () => {
    const m = mockCatalogueActivities({ itemPages: 3, contactPages: 2, dueDetails: ['c1', 'c2', 'c3', 'c4', 'c5'] });
    const tq = h.taskQueue('catalogue-pages');
    const { id } = newId('catalogue-sync');
    const { result, progress, runs } = await h.withWorkers(tq, m, async () => {
      const handle = await h.client.workflow.start<typeof catalogueSyncWorkflow>('catalogueSyncWorkflow', {
        taskQueue: tq,
        workflowId: id,
        args: [{ mode: 'incremental', callsPerMinute: FAST, detailsPerRun: 3 }],
      });
      const result = await handle.result();
      return { result, progress: await handle.query(catalogueProgressQuery), runs: await runChain(h.client, id, handle.firstExecutionRunId) };
    });

    expect(runs.map((r) => r.status)).toEqual(['COMPLETED']); // the default history limit is far away
    expect(m.log.argsOf('cataloguePlan')).toEqual([['incremental', 24 * 3600_000, expect.any(Number)]]);
    expect(m.log.argsOf('catalogueItemsPage').map(([, , cursor]) => cursor.page)).toEqual([1, 2, 3]);
    expect(m.log.argsOf('catalogueContactsPage').map(([, , cursor]) => cursor.page)).toEqual([1, 2]);
    // Each page goes on from the high-water mark the previous one returned.
    expect(m.log.argsOf('catalogueItemsPage').map(([, , , hw]) => hw?.sinceMs)).toEqual([undefined, 1, 2]);
    expect(m.log.argsOf('catalogueContactDetail')).toEqual([['c1'], ['c2'], ['c3']]);
    expect(m.log.argsOf('catalogueFinish')).toEqual([
      [
        expect.objectContaining({
          runId: id,
          full: false,
          items: { completed: true, highWater: { since: '2026-01-01T00:00:03+0000', sinceMs: 3 } },
          contacts: { completed: true, highWater: undefined },
        }),
      ],
    ]);
    expect(m.log.names().filter((n) => !n.startsWith('catalogue'))).toEqual([]);

    expect(result).toMatchObject({
      runId: id,
      phase: 'done',
      full: false,
      itemPages: 3,
      contactPages: 2,
      detailsFetched: 3,
      detailsDue: 2,
      head: 4242,
      // organization 1 + locations 1 + 3 item pages + price lists 2 + 2 contact pages + 3 details
      calls: 12,
      counts: {
        organization: counts(1),
        locations: counts(2),
        items: counts(3 * ITEMS_PER_PAGE, 3),
        pricelists: counts(3, 2),
        contacts: counts(2 * CONTACTS_PER_PAGE, 2),
        details: counts(3, 3),
        finish: { fetched: 0, changed: 3, skipped: 0, deleted: 2, calls: 0 },
      },
    });
    expect(result.totals).toEqual({ fetched: 1 + 2 + 600 + 3 + 200 + 3, changed: 1 + 2 + 600 + 3 + 200 + 3 + 3, skipped: 0, deleted: 2 });
    expect(result.finishedAt).toBeDefined();
    expect(progress).toEqual(result);
  });

  it('continues as new when its history passes historyLimit, carrying the cursor and counts: no page fetched twice', async () => {
    const m = mockCatalogueActivities({ itemPages: 8, contactPages: 4 });
    const tq = h.taskQueue('catalogue-can');
    const { id } = newId('catalogue-sync');
    const { result, runs } = await h.withWorkers(tq, m, async () => {
      const handle = await h.client.workflow.start<typeof catalogueSyncWorkflow>('catalogueSyncWorkflow', {
        taskQueue: tq,
        workflowId: id,
        args: [{ mode: 'auto', callsPerMinute: FAST, historyLimit: 35 }],
      });
      const result = await handle.result(); // follows the runs to the last one
      return { result, runs: await runChain(h.client, id, handle.firstExecutionRunId) };
    });

    // 18 steps of at least 6 events each (activity + workflow task): three runs or more.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.slice(0, -1).map((r) => r.status)).toEqual(runs.slice(0, -1).map(() => 'CONTINUED_AS_NEW'));
    expect(runs.at(-1)?.status).toBe('COMPLETED');

    // The state went across: planned once, each page once and in order, counts summed over the runs.
    expect(m.log.count('cataloguePlan')).toBe(1);
    expect(m.log.count('catalogueOrganization')).toBe(1);
    expect(m.log.argsOf('catalogueItemsPage').map(([, , cursor]) => cursor.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(m.log.argsOf('catalogueContactsPage').map(([, , cursor]) => cursor.page)).toEqual([1, 2, 3, 4]);
    expect(m.log.count('catalogueFinish')).toBe(1);
    expect(new Set(m.log.argsOf('catalogueItemsPage').map(([runId]) => runId))).toEqual(new Set([id]));
    expect(result).toMatchObject({ runId: id, phase: 'done', itemPages: 8, contactPages: 4, calls: 1 + 1 + 8 + 2 + 4 });
    expect(result.counts.items).toEqual(counts(8 * ITEMS_PER_PAGE, 8));
    expect(result.counts.contacts).toEqual(counts(4 * CONTACTS_PER_PAGE, 4));
  });

  it('paces Zoho calls to callsPerMinute with durable timers, counting the calls each step made', async () => {
    const callsPerMinute = 300; // 200 ms apart
    const gapMs = 60_000 / callsPerMinute;
    // A full pass on Books (items come with full passes only, here none), organization known:
    // three Zoho steps — locations (1 call), price lists (2 calls), one contact page (1 call).
    const m = mockCatalogueActivities(
      { contactPages: 1 },
      { cataloguePlan: async () => ({ full: true, items: null, contacts: { page: 1, seen: [], mode: 'keyset' }, needOrganization: false }) },
    );
    const tq = h.taskQueue('catalogue-pace');
    const { id } = newId('catalogue-sync');
    const { result, timers } = await h.withWorkers(tq, m, async () => {
      const handle = await h.client.workflow.start<typeof catalogueSyncWorkflow>('catalogueSyncWorkflow', {
        taskQueue: tq,
        workflowId: id,
        args: [{ mode: 'full', callsPerMinute }],
      });
      return { result: await handle.result(), timers: await timersStarted(handle) };
    });

    expect(result).toMatchObject({ phase: 'done', full: true, itemPages: 0, contactPages: 1, calls: 1 + 2 + 1 });
    const zohoCalls = m.log.calls.filter((c) => !['cataloguePlan', 'catalogueDueContactDetails', 'catalogueFinish'].includes(c.name));
    expect(zohoCalls.map((c) => c.name)).toEqual(['catalogueLocations', 'cataloguePriceLists', 'catalogueContactsPage']);
    // Each wait is a durable timer, no longer than the calls of the step before it allow.
    expect(timers.length).toBeGreaterThanOrEqual(1);
    for (const t of timers) expect(t).toBeLessThanOrEqual(2 * gapMs);
    // Price lists start ≥ 1 gap after locations, the contact page ≥ 2 gaps after the price lists
    // (a dispatch's jitter of slack). Unpaced, the three would start within a few tens of ms.
    const [locations, pricelists, contacts] = zohoCalls.map((c) => c.at) as [number, number, number];
    expect(contacts - locations).toBeGreaterThanOrEqual(3 * gapMs - 100);
    expect(contacts - pricelists).toBeGreaterThanOrEqual(2 * gapMs - 100);
  });
});
