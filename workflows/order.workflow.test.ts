/**
 * Order and quote workflows against mocked activities on the local Temporal dev server: seconds per
 * case, where the real-stack suites (test/order-workflows.test.ts, test/order-slice.test.ts) take
 * minutes. These pin the workflow's own behaviour — stage order, needs_attention and retry, cancel
 * and void, the new customer's wait and its backoff — not Zoho's, the database's or the mapping's.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { SA_CUSTOMER, SA_DOCUMENT_NUMBER, SA_KIND, SA_REP, SA_STAGE, SA_ZOHO_ID } from './search-attributes';
import { cancelSignal, customerReadySignal, retrySignal, revisedSignal, statusQuery, type DocumentStatus } from './signals';
import type { orderWorkflow, quoteWorkflow } from './order.workflow';
import type { customerWorkflow } from './customer.workflow';
import {
  blockUntil,
  CONTACT_ID,
  defaultMainActivities,
  defaultZohoActivities,
  failingFirst,
  gate,
  inventoryOrder,
  mockDocumentActivities,
} from './testing/mock-activities';
import {
  childrenStarted,
  eventually,
  newId,
  signalsReceived,
  timersFired,
  timersStarted,
  untilTimers,
  workflowHarness,
  type WorkflowHarness,
} from './testing/harness';

let h: WorkflowHarness;
beforeAll(async () => {
  h = await workflowHarness();
});
afterAll(() => h?.close());

/**
 * The stages the workflow records on the happy path. `received` is the status it starts in; the hub
 * records it when it accepts the order, so the workflow records it only with a note (the wait for a
 * new customer).
 */
const HAPPY = ['customer_ready', 'in_zoho', 'confirmed', 'pdf_ready', 'emailed', 'done'];

/** Start an order (or quote) workflow as the hub does: id `<kind>-<uuid>`, input the order's uuid. */
async function start(kind: 'order' | 'quote', taskQueue: string): Promise<WorkflowHandle<typeof orderWorkflow> & { orderId: string }> {
  const { id, uuid } = newId(kind);
  const handle = await h.client.workflow.start<typeof orderWorkflow | typeof quoteWorkflow>(kind === 'order' ? 'orderWorkflow' : 'quoteWorkflow', {
    taskQueue,
    workflowId: id,
    args: [{ orderId: uuid }],
  });
  return Object.assign(handle, { orderId: uuid });
}

const stageIs = (handle: WorkflowHandle, stage: DocumentStatus['stage']) =>
  eventually(
    async () => {
      const status = await handle.query(statusQuery);
      return status.stage === stage ? status : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 50, what: `stage ${stage} of ${handle.workflowId}` },
  );

describe('order workflow', () => {
  it('walks the happy path once: every stage in order, one create, confirmed because the mapping says so', async () => {
    const m = mockDocumentActivities();
    const tq = h.taskQueue('order-happy');
    const { result, handle } = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      return { result: await handle.result(), handle };
    });
    const { orderId } = handle;

    expect(result).toEqual({ stage: 'done', zohoId: 'so-9001', zohoNumber: 'SO-3F2A9C01B7E44D21', revision: 0 });
    expect(m.stages()).toEqual(HAPPY);
    expect(m.timeline()).toContainEqual(['in_zoho', 'sales order SO-3F2A9C01B7E44D21']);
    expect(m.timeline()).toContainEqual(['pdf_ready', '20 KB']);
    expect(m.timeline()).toContainEqual(['emailed', 'emailed to ann@example.com']);
    expect(m.log.argsOf('createInZoho')).toEqual([[orderId, inventoryOrder]]);
    expect(m.log.argsOf('confirmInZoho')).toEqual([[orderId]]);
    expect(m.log.argsOf('emailOrderPdf')).toEqual([[orderId, true]]);
    expect(m.log.count('attachPdfInZoho')).toBe(0); // Inventory: no attachment
    expect(m.log.count('voidInZoho')).toBe(0);
    expect(m.log.names().filter((n) => n !== 'recordStage')).toEqual([
      'describeOrder',
      'resolveCustomer',
      'checkPrices',
      'mapOrderForZoho',
      'createInZoho',
      'confirmInZoho',
      'closeEditing',
      'renderOrderPdf',
      'emailOrderPdf',
    ]);
    expect(m.log.argsOf('checkPrices')).toEqual([[orderId, false]]);
    // Confirmed in Zoho: no changes from the app from now on, and the device is told why.
    expect(m.log.argsOf('closeEditing')).toEqual([[orderId, 'It is confirmed in Zoho: the office must change it there.']]);
    expect(m.log.argsOf('describeOrder')).toEqual([[orderId, { openRevisions: true }]]);

    // What support filters on in the Web UI.
    const about = await handle.describe();
    expect(about.typedSearchAttributes.get(SA_STAGE)).toBe('done');
    expect(about.typedSearchAttributes.get(SA_KIND)).toBe('order');
    expect(about.typedSearchAttributes.get(SA_DOCUMENT_NUMBER)).toBe('SO-3F2A9C01B7E44D21');
    expect(about.typedSearchAttributes.get(SA_CUSTOMER)).toBe('Corner Shop');
    expect(about.typedSearchAttributes.get(SA_REP)).toBe('ann@example.com');
    expect(about.typedSearchAttributes.get(SA_ZOHO_ID)).toBe('so-9001');
    expect(about.memo?.summary).toBe('Order SO-3F2A9C01B7E44D21 for Corner Shop: €12.50, 2 line(s), rep Ann Rep');
  });

  it('on a Books sales order left draft by the mapping: not confirmed, the PDF attached in Zoho before the email', async () => {
    const m = mockDocumentActivities({
      mapOrderForZoho: async () => ({ ...inventoryOrder, target: 'books.salesorder', confirm: false }),
    });
    const tq = h.taskQueue('order-books');
    const result = await h.withWorkers(tq, m, async () => (await start('order', tq)).result());

    expect(result.stage).toBe('done');
    expect(m.stages()).toEqual(HAPPY.filter((s) => s !== 'confirmed'));
    expect(m.log.count('confirmInZoho')).toBe(0);
    expect(m.log.count('attachPdfInZoho')).toBe(1);
    const names = m.log.names();
    expect(names.indexOf('renderOrderPdf')).toBeLessThan(names.indexOf('attachPdfInZoho'));
    expect(names.indexOf('attachPdfInZoho')).toBeLessThan(names.indexOf('emailOrderPdf'));
    expect(m.log.argsOf('emailOrderPdf')[0]?.[1]).toBe(false);
  });

  it('parks in needs_attention on a refusal retries cannot fix, with the reason, and goes on after `retry`', async () => {
    const refusal = 'Zoho: the customer "Corner Shop" is on hold (code 4051)';
    const m = mockDocumentActivities({
      createInZoho: failingFirst(1, () => ApplicationFailure.nonRetryable(refusal, 'ZohoValidation'), defaultZohoActivities().createInZoho),
    });
    const tq = h.taskQueue('order-attention');
    const { result, parked, afterRetry } = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      const parked = await stageIs(handle, 'needs_attention');
      expect(m.log.count('createInZoho')).toBe(1); // non-retryable: Temporal did not retry it
      await handle.signal(retrySignal);
      const result = await handle.result();
      return { result, parked, afterRetry: await handle.query(statusQuery) };
    });

    expect(parked.attentionReason).toBe(refusal);
    expect(afterRetry.attentionReason).toBeUndefined();
    expect(result.stage).toBe('done');
    expect(m.stages()).toEqual(['customer_ready', 'needs_attention', 'customer_ready', ...HAPPY.slice(1)]);
    expect(m.timeline()[1]).toEqual(['needs_attention', refusal]);
    expect(m.timeline()[2]).toEqual(['customer_ready', 'retry requested']);
    expect(m.log.count('createInZoho')).toBe(2);
    // Map and create are one step: a retry maps again (the fix may be in the mapping).
    expect(m.log.count('mapOrderForZoho')).toBe(2);
    expect(m.log.count('checkPrices')).toBe(1);
  });

  it('cancelled after it reached Zoho: voids the sales order once and ends cancelled, saying so', async () => {
    const m = mockDocumentActivities({
      renderOrderPdf: async () => {
        throw ApplicationFailure.nonRetryable('Chromium: the template does not compile', 'PdfFailed');
      },
    });
    const tq = h.taskQueue('order-cancel-void');
    const result = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      await stageIs(handle, 'needs_attention');
      await handle.signal(cancelSignal, 'customer called it off');
      return handle.result();
    });

    expect(result.stage).toBe('cancelled');
    expect(m.stages()).toEqual(['customer_ready', 'in_zoho', 'confirmed', 'needs_attention', 'cancelled']);
    expect(m.timeline().at(-1)).toEqual(['cancelled', 'customer called it off; SO-3F2A9C01B7E44D21 voided in Zoho']);
    expect(m.log.count('voidInZoho')).toBe(1);
    expect(m.log.count('renderOrderPdf')).toBe(1);
    expect(m.log.count('emailOrderPdf')).toBe(0);
  });

  it('cancelled while an activity runs: the running step finishes, nothing after it starts', async () => {
    const rendering = gate();
    const release = gate();
    const m = mockDocumentActivities({
      renderOrderPdf: async (...args) => {
        rendering.open();
        await blockUntil(release.opened);
        return defaultMainActivities().renderOrderPdf(...args);
      },
    });
    const tq = h.taskQueue('order-cancel-running');
    const result = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      await rendering.opened;
      await handle.signal(cancelSignal); // no reason given
      release.open();
      return handle.result();
    });

    expect(result.stage).toBe('cancelled');
    expect(m.stages()).toEqual(['customer_ready', 'in_zoho', 'confirmed', 'pdf_ready', 'cancelled']);
    expect(m.timeline().at(-1)).toEqual(['cancelled', 'cancelled on request; SO-3F2A9C01B7E44D21 voided in Zoho']);
    expect(m.log.count('emailOrderPdf')).toBe(0);
    expect(m.log.count('voidInZoho')).toBe(1);
  });

  it('cancelled before it reached Zoho (waiting for its new customer): nothing to void', async () => {
    const m = mockDocumentActivities({
      resolveCustomer: async () => ({ deviceCustomerId: 'c0ffee00-0000-4000-8000-000000000001', customerName: 'New Shop', customerAtHub: false }),
    });
    const tq = h.taskQueue('order-cancel-early');
    const { result, waiting } = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      const waiting = await eventually(async () => (await handle.query(statusQuery)).waitingFor, { intervalMs: 50, what: 'waitingFor' });
      await handle.signal(cancelSignal, 'duplicate order');
      return { result: await handle.result(), waiting };
    });

    expect(waiting).toBe('customer-c0ffee00-0000-4000-8000-000000000001');
    expect(result).toEqual({ stage: 'cancelled', waitingFor: waiting });
    expect(m.stages()).toEqual(['received', 'cancelled']);
    expect(m.timeline().at(-1)).toEqual(['cancelled', 'duplicate order']);
    expect(m.log.count('createInZoho')).toBe(0);
    expect(m.log.count('voidInZoho')).toBe(0);
  });
});

describe('quote workflow', () => {
  const estimate = { ...inventoryOrder, target: 'books.estimate' as const, confirm: false };

  it('goes to Zoho as an estimate and is never confirmed, nor its PDF attached', async () => {
    const m = mockDocumentActivities({
      describeOrder: async () => ({ ...(await defaultMainActivities().describeOrder('')), kind: 'quote', number: 'QT-3F2A9C01B7E44D21' }),
      mapOrderForZoho: async () => estimate,
      createInZoho: async () => ({ zohoId: 'est-77', zohoNumber: 'QT-3F2A9C01B7E44D21', adopted: true }),
    });
    const tq = h.taskQueue('quote');
    const { result, handle } = await h.withWorkers(tq, m, async () => {
      const handle = await start('quote', tq);
      return { result: await handle.result(), handle };
    });

    expect(result).toEqual({ stage: 'done', zohoId: 'est-77', zohoNumber: 'QT-3F2A9C01B7E44D21', revision: 0 });
    expect(m.stages()).toEqual(HAPPY.filter((s) => s !== 'confirmed'));
    expect(m.timeline()).toContainEqual(['in_zoho', 'estimate QT-3F2A9C01B7E44D21 (found in Zoho after an unconfirmed create)']);
    expect(m.log.count('confirmInZoho')).toBe(0);
    expect(m.log.count('attachPdfInZoho')).toBe(0);
    expect(m.log.argsOf('emailOrderPdf')[0]?.[1]).toBe(false);
    const about = await handle.describe();
    expect(about.typedSearchAttributes.get(SA_KIND)).toBe('quote');
    expect(String(about.memo?.summary)).toMatch(/^Quote QT-3F2A9C01B7E44D21 for Corner Shop/);
  });

  it('cancelled after Zoho: an estimate is not voided, and the timeline says it stays', async () => {
    const m = mockDocumentActivities({
      mapOrderForZoho: async () => estimate,
      emailOrderPdf: async () => {
        throw ApplicationFailure.nonRetryable('SMTP: recipient refused', 'MailRefused');
      },
      voidInZoho: async () => ({ voided: false }),
    });
    const tq = h.taskQueue('quote-cancel');
    const result = await h.withWorkers(tq, m, async () => {
      const handle = await start('quote', tq);
      await stageIs(handle, 'needs_attention');
      await handle.signal(cancelSignal, 'lost the deal');
      return handle.result();
    });

    expect(result.stage).toBe('cancelled');
    expect(m.timeline().at(-1)).toEqual(['cancelled', 'lost the deal; SO-3F2A9C01B7E44D21 stays in Zoho']);
    expect(m.log.count('voidInZoho')).toBe(1);
  });
});

describe('an order for a customer made on the device', () => {
  it('starts the customer workflow once, backs off between looks (5 s doubling to 10 min) and ends done when the contact exists', async () => {
    const customer = newId('customer');
    const release = gate();
    let contactInHub: string | undefined; // the hub database the mocks share
    const m = mockDocumentActivities({
      resolveCustomer: async () =>
        contactInHub ? { zohoContactId: contactInHub } : { deviceCustomerId: customer.uuid, customerName: 'New Shop', customerAtHub: true },
      findOrCreateContact: async () => {
        await blockUntil(release.opened);
        contactInHub = 'zc-new-77';
        return { zohoContactId: contactInHub, adopted: false };
      },
    });
    const tq = h.taskQueue('order-new-customer');
    const expectedWaits = [5, 10, 20, 40, 80, 160, 320, 600, 600].map((s) => s * 1000);

    const { handle, result, timers, fired, children, customerResult, customerSignals } = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      // Each look sets a timer (the condition's timeout) before it waits. Rather than wait minutes for
      // them, wake the order with a customerReady signal once each timer is in the history: the order
      // must not trust the signal, look at the hub again, find no contact, and wait twice as long.
      for (let look = 1; look < expectedWaits.length; look++) {
        await untilTimers(handle, look);
        await handle.signal(customerReadySignal, 'not really');
      }
      const timers = await untilTimers(handle, expectedWaits.length);
      expect(m.log.count('findOrCreateContact')).toBe(1); // still blocked: no contact yet
      release.open();
      const result = await handle.result();
      const customerHandle = h.client.workflow.getHandle<typeof customerWorkflow>(customer.id);
      return {
        handle,
        result,
        timers,
        fired: await timersFired(handle),
        children: await childrenStarted(handle),
        customerResult: await customerHandle.result(),
        customerSignals: await signalsReceived(customerHandle),
      };
    });

    expect(timers).toEqual(expectedWaits);
    expect(fired).toBe(0); // no real waiting: every wake-up was a signal
    expect(result.stage).toBe('done');
    expect(m.stages()).toEqual(['received', ...HAPPY]);
    expect(m.timeline().filter(([, note]) => note?.startsWith('waiting for the new customer'))).toEqual([
      ['received', `waiting for the new customer "New Shop" to be created in Zoho (${customer.id})`],
    ]);
    // One look per wait, and the one that found the contact.
    expect(m.log.count('resolveCustomer')).toBe(expectedWaits.length + 1);
    expect(children).toEqual([customer.id]);
    expect(customerSignals).toEqual([{ name: 'orderWaiting', args: [handle.workflowId] }]);
    expect(customerResult).toEqual({ stage: 'done', zohoId: 'zc-new-77' });
    expect(m.customerStages(customer.uuid)).toEqual(['in_zoho', 'done']);
    expect(m.log.count('findOrCreateContact')).toBe(1);
  });

  it('without a customer workflow to tell it (customer not at the hub yet), finds the contact at its next look, 5 s later', async () => {
    const deviceCustomerId = 'c0ffee00-0000-4000-8000-000000000002';
    let looks = 0;
    const m = mockDocumentActivities({
      resolveCustomer: async () => (looks++ === 0 ? { deviceCustomerId, customerName: 'Pending Shop', customerAtHub: false } : { zohoContactId: CONTACT_ID }),
    });
    const tq = h.taskQueue('order-periodic-look');
    const { result, timers, fired, children, ms } = await h.withWorkers(tq, m, async () => {
      const t0 = Date.now();
      const handle = await start('order', tq);
      const result = await handle.result();
      return { result, ms: Date.now() - t0, timers: await timersStarted(handle), fired: await timersFired(handle), children: await childrenStarted(handle) };
    });

    expect(result.stage).toBe('done');
    expect(timers).toEqual([5000]);
    expect(fired).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(4500);
    expect(children).toEqual([]); // nothing to start for a customer the hub does not have
    expect(m.log.count('resolveCustomer')).toBe(2);
    expect(m.stages()).toEqual(['received', ...HAPPY]);
  });
});

describe('round trips', () => {
  it('runs the database steps as local activities: only Zoho, the PDF and the email go through a task queue', async () => {
    const m = mockDocumentActivities();
    const tq = h.taskQueue('order-local-steps');
    const handle = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      await handle.result();
      return handle;
    });
    const history = await handle.fetchHistory();
    const scheduled = (history.events ?? []).flatMap((e) =>
      e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : [],
    );
    expect(scheduled).toEqual(['createInZoho', 'confirmInZoho', 'renderOrderPdf', 'emailOrderPdf']);
    const workflowTasks = (history.events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes).length;
    // Before (every step a regular activity; workflows/histories/order-done.json): 13 workflow tasks, 12 activities.
    expect(workflowTasks).toBeLessThanOrEqual(6);
  });
});

describe('changes after sending (revisions)', () => {
  /** A draft in Zoho (the mapping does not confirm) with a short window for changes from the app. */
  const draft = (windowMs: number, revisionHeld: () => number, overrides: Parameters<typeof mockDocumentActivities>[0] = {}) =>
    mockDocumentActivities({
      describeOrder: async (id, options) => ({ ...(await defaultMainActivities().describeOrder(id, options)), editWindowMs: windowMs }),
      mapOrderForZoho: async () => ({ ...inventoryOrder, confirm: false, revision: revisionHeld() }),
      ...overrides,
    });

  it('updates the draft in place on `revised`, renders and emails the revision, and closes when the window ends', async () => {
    let held = 0;
    const m = draft(4000, () => held);
    const tq = h.taskQueue('order-revision');
    const { result, handle } = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      await eventually(async () => (m.log.count('emailOrderPdf') === 1 ? true : undefined), { what: 'the first email', timeoutMs: 20_000, intervalMs: 50 });
      held = 1; // the hub stores revision 1, then signals
      await handle.signal(revisedSignal, 1);
      return { result: await handle.result(), handle };
    });
    expect(result).toMatchObject({ stage: 'done', revision: 1 });
    expect(m.log.count('createInZoho')).toBe(1); // one document, updated in place
    expect(m.log.argsOf('updateInZoho')).toEqual([[handle.orderId, { ...inventoryOrder, confirm: false, revision: 1 }]]);
    expect(m.log.count('renderOrderPdf')).toBe(2);
    expect(m.log.count('emailOrderPdf')).toBe(2);
    expect(m.log.count('checkPrices')).toBe(2); // the revision is checked like the order was
    expect(m.timeline()).toContainEqual(['done', 'revision 1: PDF 20 KB, emailed to ann@example.com']);
    expect(m.log.argsOf('closeEditing')).toEqual([
      [handle.orderId, 'The time for changes from the app ended (4 seconds after it was sent): the office can change it in Zoho.'],
    ]);
  });

  it('stops taking revisions when Zoho says the document can no longer change (the office confirmed it)', async () => {
    let held = 0;
    const closed = 'SO-3F2A9C01B7E44D21 is confirmed in Zoho: the office must change it there.';
    const m = draft(60_000, () => held, { updateInZoho: async () => ({ updated: false, revision: 0, closedReason: closed }) });
    const tq = h.taskQueue('order-revision-closed');
    const result = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      await eventually(async () => (m.log.count('emailOrderPdf') === 1 ? true : undefined), { what: 'the first email', timeoutMs: 20_000, intervalMs: 50 });
      held = 1;
      await handle.signal(revisedSignal, 1);
      return handle.result();
    });
    expect(result).toMatchObject({ stage: 'done', revision: 0 });
    expect(m.log.count('renderOrderPdf')).toBe(1); // nothing new to print or send
    expect(m.log.count('emailOrderPdf')).toBe(1);
    expect(m.log.argsOf('closeEditing').map((a) => a[1])).toEqual([closed]);
  });

  it('does not loop on a revision the hub turned out not to hold (its commit failed after the signal)', async () => {
    const m = draft(3000, () => 0, { updateInZoho: async () => ({ updated: false, revision: 0 }) });
    const tq = h.taskQueue('order-revision-not-held');
    const result = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      await eventually(async () => (m.log.count('emailOrderPdf') === 1 ? true : undefined), { what: 'the first email', timeoutMs: 20_000, intervalMs: 50 });
      await handle.signal(revisedSignal, 1);
      return handle.result();
    });
    expect(result.stage).toBe('done');
    expect(m.log.count('updateInZoho')).toBe(1);
    expect(m.log.count('emailOrderPdf')).toBe(1);
  });

  it('is voided in Zoho when cancelled while it takes revisions', async () => {
    const m = draft(60_000, () => 0);
    const tq = h.taskQueue('order-revision-cancel');
    const result = await h.withWorkers(tq, m, async () => {
      const handle = await start('order', tq);
      await eventually(async () => (m.log.count('emailOrderPdf') === 1 ? true : undefined), { what: 'the first email', timeoutMs: 20_000, intervalMs: 50 });
      await handle.signal(cancelSignal, 'customer changed their mind');
      return handle.result();
    });
    expect(result.stage).toBe('cancelled');
    expect(m.log.count('voidInZoho')).toBe(1);
    expect(m.stages().at(-1)).toBe('cancelled');
  });

  it('takes a revision sent before Zoho had the document in the create itself (no update)', async () => {
    const m = draft(0, () => 2);
    const tq = h.taskQueue('order-revision-early');
    const result = await h.withWorkers(tq, m, async () => (await start('order', tq)).result());
    expect(result).toMatchObject({ stage: 'done', revision: 2 });
    expect(m.log.count('updateInZoho')).toBe(0);
    expect(m.log.argsOf('closeEditing').map((a) => a[1])).toEqual(['Changes from the app are turned off: the office can change it in Zoho.']);
  });
});
