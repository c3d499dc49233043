/**
 * The order and quote workflows: one per document, id `order-<uuid>` / `quote-<uuid>`. They walk
 * the document along the lifecycle (received → customer_ready → in_zoho → confirmed → pdf_ready →
 * emailed → done) and push it into Zoho exactly once. Deterministic: all I/O is in activities;
 * Zoho calls run on their own task queue, whose rate the worker caps.
 *
 * A step that retrying cannot fix (Zoho validation, a mapping value missing, a customer on hold)
 * parks the document in `needs_attention` with the reason until support signals `retry` (or `cancel`).
 */
import {
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  condition,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
  type RetryPolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { workflowId } from '../domain/document-number';
import type { MailActivities } from './activities/mail';
import type { MappingActivities } from './activities/mapping';
import type { OrderDbActivities } from './activities/order-db';
import type { PdfActivities } from './activities/pdf';
import type { ZohoActivities } from './activities/zoho';
import { customerWorkflow } from './customer.workflow';
import { SA_CUSTOMER, SA_DOCUMENT_NUMBER, SA_KIND, SA_REP, SA_ZOHO_ID } from './search-attributes';
import { customerReadySignal, orderWaitingSignal, type DocumentStatus } from './signals';
import { Cancelled, createStepper } from './stepper';
import { zohoTaskQueue } from './task-queues';

export { retrySignal, cancelSignal, statusQuery, type DocumentStatus } from './signals';

export interface OrderWorkflowInput {
  orderId: string;
}
/** @deprecated the name before quotes and customers had workflows; same shape. */
export type OrderStatus = DocumentStatus;

const retry: RetryPolicy = { initialInterval: '1 second', maximumInterval: '1 minute' };
const db = proxyActivities<OrderDbActivities & MappingActivities>({ startToCloseTimeout: '30 seconds', retry });
const documents = proxyActivities<PdfActivities & MailActivities>({ startToCloseTimeout: '2 minutes', retry });

/** Longest pause between two looks at a new customer that has not reached Zoho yet. */
const MAX_CUSTOMER_WAIT_MS = 10 * 60_000;

export async function orderWorkflow(input: OrderWorkflowInput): Promise<DocumentStatus> {
  return documentWorkflow(input);
}

/** Quotes: Books → estimate, Inventory → draft sales order (mappings/defaults/targets.json); never confirmed. */
export async function quoteWorkflow(input: OrderWorkflowInput): Promise<DocumentStatus> {
  return documentWorkflow(input);
}

async function documentWorkflow({ orderId }: OrderWorkflowInput): Promise<DocumentStatus> {
  const zoho = proxyActivities<ZohoActivities>({
    taskQueue: zohoTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '2 minutes',
    // A killed worker is noticed within seconds, not after the start-to-close timeout.
    heartbeatTimeout: '15 seconds',
    // Rate-limit failures carry their own delay (until Zoho's window resets); others back off.
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });
  const s = createStepper((stage, note) => db.recordStage(orderId, stage, note));
  let contactReady = false;
  setHandler(customerReadySignal, () => {
    contactReady = true;
  });

  /** Step 1: the Zoho contact; a customer made on the device first goes through its own workflow. */
  async function resolveCustomer(): Promise<void> {
    let registered = false;
    for (let waitMs = 5_000; ; waitMs = Math.min(waitMs * 2, MAX_CUSTOMER_WAIT_MS)) {
      contactReady = false;
      const found = await s.step(() => db.resolveCustomer(orderId));
      if (found.zohoContactId !== undefined) return;
      const customerWorkflowId = workflowId('customer', found.deviceCustomerId);
      if (s.status.waitingFor !== customerWorkflowId) {
        s.status.waitingFor = customerWorkflowId;
        await db.recordStage(orderId, s.status.stage, `waiting for the new customer "${found.customerName}" to be created in Zoho (${customerWorkflowId})`);
      }
      if (!registered && found.customerAtHub) {
        await startOrJoin(customerWorkflowId, found.deviceCustomerId);
        registered = true;
      }
      // The customer workflow signals when done; a look at the database now and then covers a missed signal.
      await condition(() => contactReady || s.cancelRequested, waitMs);
      s.throwIfCancelled();
    }
  }

  async function startOrJoin(customerWorkflowId: string, customerId: string): Promise<void> {
    try {
      await startChild(customerWorkflow, {
        workflowId: customerWorkflowId,
        args: [{ customerId }],
        // The customer outlives this order: other orders may wait for it too.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    try {
      await getExternalWorkflowHandle(customerWorkflowId).signal(orderWaitingSignal, workflowInfo().workflowId);
    } catch {
      // Finished already: the next look at the database finds its contact.
    }
  }

  try {
    const about = await db.describeOrder(orderId);
    upsertSearchAttributes([
      { key: SA_KIND, value: about.kind },
      { key: SA_DOCUMENT_NUMBER, value: about.number },
      { key: SA_CUSTOMER, value: about.customerName },
      ...(about.rep ? [{ key: SA_REP, value: about.rep.email }] : []),
    ]);
    upsertMemo({
      summary: `${about.kind === 'quote' ? 'Quote' : 'Order'} ${about.number} for ${about.customerName}: ${about.total}, ${about.lines} line(s)${about.rep ? `, rep ${about.rep.name}` : ''}`,
    });

    await resolveCustomer();
    s.status.waitingFor = undefined;
    await s.enter('customer_ready');

    // 2: price check (with policy `ask`, a retry after needs_attention accepts the device's prices)
    await s.step((attempt) => db.checkPrices(orderId, attempt > 0));

    // 3 + 4: map, then create. Retried together: the fix of a Zoho refusal may be in the order or the mapping.
    const { mapped, created } = await s.step(async () => {
      const mapped = await db.mapOrderForZoho(orderId);
      return { mapped, created: await zoho.createInZoho(orderId, mapped) };
    });
    s.status.zohoId = created.zohoId;
    s.status.zohoNumber = created.zohoNumber;
    upsertSearchAttributes([{ key: SA_ZOHO_ID, value: created.zohoId }]);
    const what = mapped.target === 'books.estimate' ? 'estimate' : 'sales order';
    await s.enter('in_zoho', `${what} ${created.zohoNumber}${created.adopted ? ' (found in Zoho after an unconfirmed create)' : ''}`);

    // 5
    if (mapped.confirm) {
      await s.step(() => zoho.confirmInZoho(orderId));
      await s.enter('confirmed');
    }

    // 6
    const pdf = await s.step(() => documents.renderOrderPdf(orderId));
    await s.enter('pdf_ready', `${Math.ceil(pdf.bytes / 1024)} KB`);

    // 7
    if (mapped.target === 'books.salesorder') await s.step(() => zoho.attachPdfInZoho(orderId));
    const mail = await s.step(() => documents.emailOrderPdf(orderId, mapped.confirm));
    await s.enter('emailed', mail.note);

    s.throwIfCancelled();
    await s.enter('done');
    return s.status;
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    let note = err.reason;
    if (s.status.zohoId) {
      const { voided } = await zoho.voidInZoho(orderId);
      note += voided ? `; ${s.status.zohoNumber} voided in Zoho` : `; ${s.status.zohoNumber} stays in Zoho`;
    }
    await s.enter('cancelled', note);
    return s.status;
  }
}
