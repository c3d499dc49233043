/**
 * The customer workflow against mocked activities on the local Temporal dev server, in seconds: its
 * needs_attention → retry, cancel, and the promise it makes to orders — every order that said it
 * waits is told when the Zoho contact exists (and one that is gone does not stop the others).
 * The real-stack version (test/order-workflows.test.ts) takes minutes.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { SA_CUSTOMER, SA_KIND, SA_STAGE, SA_ZOHO_ID } from './search-attributes';
import { cancelSignal, orderWaitingSignal, retrySignal, statusQuery, type DocumentStatus } from './signals';
import type { customerWorkflow } from './customer.workflow';
import type { orderWorkflow } from './order.workflow';
import { failingFirst, mockDocumentActivities } from './testing/mock-activities';
import { eventually, newId, signalsReceived, timersFired, workflowHarness, type WorkflowHarness } from './testing/harness';

let h: WorkflowHarness;
beforeAll(async () => {
  h = await workflowHarness();
});
afterAll(() => h?.close());

const stageIs = (handle: WorkflowHandle, stage: DocumentStatus['stage']) =>
  eventually(
    async () => {
      const status = await handle.query(statusQuery);
      return status.stage === stage ? status : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 50, what: `stage ${stage} of ${handle.workflowId}` },
  );

function startCustomer(taskQueue: string, customerId: string, name?: string) {
  return h.client.workflow.start<typeof customerWorkflow>('customerWorkflow', {
    taskQueue,
    workflowId: `customer-${customerId}`,
    args: [{ customerId, ...(name ? { name } : {}) }],
  });
}

describe('customer workflow', () => {
  it('creates the contact once and records it; support finds it by kind, name and Zoho id', async () => {
    const customer = newId('customer');
    const m = mockDocumentActivities({ findOrCreateContact: async () => ({ zohoContactId: 'zc-5', adopted: true }) });
    const tq = h.taskQueue('customer-happy');
    const { result, about } = await h.withWorkers(tq, m, async () => {
      const handle = await startCustomer(tq, customer.uuid, 'New Shop');
      return { result: await handle.result(), about: await handle.describe() };
    });

    expect(result).toEqual({ stage: 'done', zohoId: 'zc-5' });
    expect(m.customerTimeline(customer.uuid)).toEqual([
      ['in_zoho', 'matched an existing Zoho contact'],
      ['done', undefined],
    ]);
    expect(m.log.argsOf('findOrCreateContact')).toEqual([[customer.uuid]]);
    expect(m.log.count('recordStage')).toBe(0); // a customer has no order timeline
    expect(about.typedSearchAttributes.get(SA_KIND)).toBe('customer');
    expect(about.typedSearchAttributes.get(SA_CUSTOMER)).toBe('New Shop');
    expect(about.typedSearchAttributes.get(SA_ZOHO_ID)).toBe('zc-5');
    expect(about.typedSearchAttributes.get(SA_STAGE)).toBe('done');
    expect(about.memo?.summary).toBe('New customer New Shop');
  });

  it('parks in needs_attention on a refusal, goes on after `retry`, and then tells every waiting order', async () => {
    const customer = newId('customer');
    const refusal = 'The contact mapping (version 3) cannot build this customer: row 2 email: not an email address';
    let contactInHub: string | undefined; // the hub database the mocks share
    const m = mockDocumentActivities({
      findOrCreateContact: failingFirst(
        1,
        () => ApplicationFailure.nonRetryable(refusal, 'MappingInvalid'),
        async () => {
          contactInHub = 'zc-42';
          return { zohoContactId: contactInHub, adopted: false };
        },
      ),
      // The orders are for this customer; the hub has its contact once the customer workflow made it.
      resolveCustomer: async () =>
        contactInHub ? { zohoContactId: contactInHub } : { deviceCustomerId: customer.uuid, customerName: 'New Shop', customerAtHub: true },
    });
    const tq = h.taskQueue('customer-attention');
    const gone = newId('order').id; // an order that finished or was cancelled meanwhile

    const out = await h.withWorkers(tq, m, async () => {
      const handle = await startCustomer(tq, customer.uuid, 'New Shop');
      const parked = await stageIs(handle, 'needs_attention');

      // Two orders for the customer: each finds the customer workflow running, joins it, says it waits.
      const orders: Array<WorkflowHandle<typeof orderWorkflow>> = [];
      for (const order of [newId('order'), newId('order')]) {
        orders.push(
          await h.client.workflow.start<typeof orderWorkflow>('orderWorkflow', { taskQueue: tq, workflowId: order.id, args: [{ orderId: order.uuid }] }),
        );
      }
      await handle.signal(orderWaitingSignal, gone);
      await eventually(async () => ((await signalsReceived(handle)).filter((s) => s.name === 'orderWaiting').length === 3 ? true : undefined), {
        intervalMs: 50,
        what: 'three orderWaiting signals',
      });
      for (const order of orders) expect((await order.query(statusQuery)).waitingFor).toBe(customer.id);

      await handle.signal(retrySignal);
      const result = await handle.result();
      const t0 = Date.now();
      const orderResults = await Promise.all(orders.map((o) => o.result()));
      return {
        parked,
        result,
        orders,
        orderResults,
        ordersMs: Date.now() - t0,
        waiting: (await signalsReceived(handle)).filter((s) => s.name === 'orderWaiting').map((s) => s.args[0]),
        told: await Promise.all(orders.map(async (o) => (await signalsReceived(o)).filter((s) => s.name === 'customerReady'))),
        fired: await Promise.all(orders.map((o) => timersFired(o))),
      };
    });

    expect(out.parked.attentionReason).toBe(refusal);
    expect(out.result).toEqual({ stage: 'done', zohoId: 'zc-42' });
    expect(m.customerStages(customer.uuid)).toEqual(['needs_attention', 'received', 'in_zoho', 'done']);
    expect(m.customerTimeline(customer.uuid)[0]).toEqual(['needs_attention', refusal]);
    expect(m.customerTimeline(customer.uuid)[2]).toEqual(['in_zoho', 'contact created in Zoho']);
    expect(m.log.count('findOrCreateContact')).toBe(2);

    expect(new Set(out.waiting)).toEqual(new Set([...out.orders.map((o) => o.workflowId), gone]));
    // Each order was told with the contact id (not woken by its own 5 s look), then went on to done.
    expect(out.told).toEqual(out.orders.map(() => [{ name: 'customerReady', args: ['zc-42'] }]));
    expect(out.fired).toEqual([0, 0]);
    expect(out.orderResults.map((r) => r.stage)).toEqual(['done', 'done']);
    for (const o of out.orders) expect(m.stages(o.workflowId.replace(/^order-/, '')).at(-1)).toBe('done');
  });

  it('cancelled while it waits in needs_attention: ends cancelled with the reason, no contact made', async () => {
    const customer = newId('customer');
    const m = mockDocumentActivities({
      findOrCreateContact: async () => {
        throw ApplicationFailure.nonRetryable('Zoho: the contact name is too long', 'ZohoValidation');
      },
    });
    const tq = h.taskQueue('customer-cancel');
    const result = await h.withWorkers(tq, m, async () => {
      const handle = await startCustomer(tq, customer.uuid);
      await stageIs(handle, 'needs_attention');
      await handle.signal(cancelSignal, 'duplicate of an existing customer');
      return handle.result();
    });

    expect(result.stage).toBe('cancelled');
    expect(result.zohoId).toBeUndefined();
    expect(m.customerTimeline(customer.uuid)).toEqual([
      ['needs_attention', 'Zoho: the contact name is too long'],
      ['cancelled', 'duplicate of an existing customer'],
    ]);
    expect(m.log.count('findOrCreateContact')).toBe(1);
  });
});
