/**
 * The customer-edit workflow against mocked activities on the local Temporal dev server: one run per
 * edit (a second start with the same id joins it, so the edit reaches Zoho once), its one activity
 * retried while Zoho is unreachable, the outcome returned, and the run findable as a customer's.
 */
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { CustomerEditSummary } from '../domain';
import { startCustomerEditWorkflow } from './client';
import { SA_KIND, SA_STAGE } from './search-attributes';
import { newId, workflowHarness, type WorkflowHarness } from './testing/harness';

let h: WorkflowHarness;
beforeAll(async () => {
  h = await workflowHarness();
});
afterAll(() => h?.close());

const summary = (id: string, status: CustomerEditSummary['status']): CustomerEditSummary => ({
  id,
  zohoContactId: 'zc-1',
  status,
  applied: { phone: '+1 555 0100' },
  kept: {},
  message: 'Saved in Zoho',
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
});

describe('customer edit workflow', () => {
  it('applies the edit once however often it is started, retrying while Zoho is unreachable', async () => {
    const edit = newId('edit');
    const calls: string[] = [];
    const zoho = {
      async applyCustomerEdit(editId: string): Promise<CustomerEditSummary> {
        calls.push(editId);
        if (calls.length === 1) throw ApplicationFailure.retryable('Zoho did not answer', 'ZohoTransientError');
        return summary(editId, 'applied');
      },
    };
    const tq = h.taskQueue('customer-edit');
    const { result, about, second } = await h.withWorkers(tq, { main: {}, zoho }, async () => {
      const [a, b] = await Promise.all([
        startCustomerEditWorkflow(h.client, tq, { id: edit.uuid, customerName: 'Corner Shop' }),
        startCustomerEditWorkflow(h.client, tq, { id: edit.uuid, customerName: 'Corner Shop' }),
      ]);
      expect(a).toBe(b);
      const handle = h.client.workflow.getHandle(a);
      const done = await handle.result();
      // After it finished: a start is refused as a duplicate (startOnce takes that as success too).
      const again = await startCustomerEditWorkflow(h.client, tq, { id: edit.uuid, customerName: 'Corner Shop' }).catch((e: unknown) => e);
      return { result: done, about: await handle.describe(), second: again };
    });
    expect(result).toEqual(summary(edit.uuid, 'applied'));
    expect(calls).toEqual([edit.uuid, edit.uuid]);
    expect(second).not.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    expect(about.workflowId).toBe(`customer-edit-${edit.uuid}`);
    expect(about.typedSearchAttributes.get(SA_KIND)).toBe('customer');
    expect(about.typedSearchAttributes.get(SA_STAGE)).toBe('done');
  });

  it('a refused edit ends marked for attention, with its outcome', async () => {
    const edit = newId('edit');
    const zoho = {
      applyCustomerEdit: async (id: string) => ({ ...summary(id, 'failed'), message: 'This customer is no longer in Zoho: the edit was not sent' }),
    };
    const tq = h.taskQueue('customer-edit-failed');
    const { result, stage } = await h.withWorkers(tq, { main: {}, zoho }, async () => {
      const handle = h.client.workflow.getHandle(await startCustomerEditWorkflow(h.client, tq, { id: edit.uuid, customerName: 'Gone Shop' }));
      const r = await handle.result();
      return { result: r, stage: (await handle.describe()).typedSearchAttributes.get(SA_STAGE) };
    });
    expect(result.status).toBe('failed');
    expect(stage).toBe('needs_attention');
  });
});
