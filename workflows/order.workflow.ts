/**
 * The order and quote workflows: one per document, id `order-<uuid>` / `quote-<uuid>`. They walk
 * the document along the lifecycle (received → customer_ready → in_zoho → confirmed → pdf_ready →
 * emailed → done) and push it into Zoho exactly once. Deterministic: all I/O is in activities;
 * Zoho calls run on their own task queue, whose rate the worker caps.
 *
 * A step that retrying cannot fix (Zoho validation, a mapping value missing, a customer on hold)
 * parks the document in `needs_attention` with the reason until support signals `retry` (or `cancel`).
 *
 * Two changes are behind `patched()`, so a workflow started by an older build replays unchanged:
 * the database steps run as local activities (one worker round trip each instead of a task-queue
 * hop; the Zoho, PDF and mail steps stay regular activities), and, once done, a document whose Zoho
 * copy is a draft takes the rep's revisions for a while (`revised` signal: Zoho's draft updated in
 * place, the PDF re-rendered and re-sent marked as a revision).
 */
import {
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
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
import type { RevisionResult, ZohoActivities } from './activities/zoho';
import { customerWorkflow } from './customer.workflow';
import { SA_CUSTOMER, SA_DOCUMENT_NUMBER, SA_KIND, SA_REP, SA_ZOHO_ID } from './search-attributes';
import { customerReadySignal, orderWaitingSignal, revisedSignal, type DocumentStatus } from './signals';
import { Cancelled, createStepper } from './stepper';
import { zohoTaskQueue } from './task-queues';

export { retrySignal, cancelSignal, statusQuery, type DocumentStatus } from './signals';

export interface OrderWorkflowInput {
  orderId: string;
}
/** @deprecated the name before quotes and customers had workflows; same shape. */
export type OrderStatus = DocumentStatus;

const retry: RetryPolicy = { initialInterval: '1 second', maximumInterval: '1 minute' };
type DbActivities = OrderDbActivities & MappingActivities;
const remoteDb = proxyActivities<DbActivities>({ startToCloseTimeout: '30 seconds', retry });
// The same activities run by the worker that runs the workflow: no task-queue hop per stage record.
const localDb = proxyLocalActivities<DbActivities>({ startToCloseTimeout: '30 seconds', retry });

/** Patch ids (see the file's comment): never rename one while a workflow that recorded it may run. */
export const PATCH_LOCAL_DB_STEPS = 'local-database-steps';
export const PATCH_REVISIONS = 'revisions-after-sending';
const documents = proxyActivities<PdfActivities & MailActivities>({ startToCloseTimeout: '2 minutes', retry });

/** "7 days", "36 hours", "20 seconds": the edit window as the rep reads it. */
function windowText(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 24 && Number.isInteger(hours / 24)) return `${hours / 24} day${hours === 24 ? '' : 's'}`;
  if (hours >= 1) return `${Math.round(hours)} hours`;
  return `${Math.round(ms / 1000)} seconds`;
}

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
  const db = patched(PATCH_LOCAL_DB_STEPS) ? localDb : remoteDb;
  const takesRevisions = patched(PATCH_REVISIONS);
  const s = createStepper((stage, note) => db.recordStage(orderId, stage, note));
  /** The highest revision the hub told of, the one Zoho holds, and a told revision the hub turned out not to hold (its commit failed). */
  let wantedRevision = 0;
  let sentRevision = 0;
  let notHeldRevision = 0;
  if (takesRevisions) {
    setHandler(revisedSignal, (revision) => {
      wantedRevision = Math.max(wantedRevision, revision);
    });
  }
  const revisionWaiting = () => wantedRevision > sentRevision && wantedRevision > notHeldRevision;
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

  /** One revision: checked like the order was, mapped, Zoho's draft updated in place, the PDF and email again. */
  async function sendRevision(target: string): Promise<RevisionResult> {
    const askedFor = wantedRevision;
    await s.step((attempt) => db.checkPrices(orderId, attempt > 0));
    const { mapped, result } = await s.step(async () => {
      const mapped = await db.mapOrderForZoho(orderId);
      return { mapped, result: await zoho.updateInZoho(orderId, mapped) };
    });
    if ((mapped.revision ?? 0) < askedFor) notHeldRevision = askedFor;
    sentRevision = Math.max(sentRevision, result.revision);
    s.status.revision = sentRevision;
    if (!result.updated) return result;
    const pdf = await s.step(() => documents.renderOrderPdf(orderId));
    if (target === 'books.salesorder') await s.step(() => zoho.attachPdfInZoho(orderId));
    const mail = await s.step(() => documents.emailOrderPdf(orderId, false));
    await db.recordStage(orderId, 'done', `revision ${result.revision}: PDF ${Math.ceil(pdf.bytes / 1024)} KB, ${mail.note}`);
    return result;
  }

  /** Done, and Zoho's document a draft: take the rep's revisions until the window ends or Zoho's copy can no longer change. */
  async function takeRevisions(windowMs: number, target: string): Promise<void> {
    if (windowMs <= 0) {
      await db.closeEditing(orderId, 'Changes from the app are turned off: the office can change it in Zoho.');
      return;
    }
    const until = Date.now() + windowMs;
    for (;;) {
      const left = until - Date.now();
      const woken = left > 0 && (await condition(() => revisionWaiting() || s.cancelRequested, left));
      s.throwIfCancelled();
      if (!woken) {
        await db.closeEditing(
          orderId,
          `The time for changes from the app ended (${windowText(windowMs)} after it was sent): the office can change it in Zoho.`,
        );
        return;
      }
      const result = await sendRevision(target);
      if (result.closedReason) {
        await db.closeEditing(orderId, result.closedReason);
        return;
      }
    }
  }

  try {
    const about = await (takesRevisions ? db.describeOrder(orderId, { openRevisions: true }) : db.describeOrder(orderId));
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
    if (takesRevisions) sentRevision = s.status.revision = mapped.revision ?? 0;
    upsertSearchAttributes([{ key: SA_ZOHO_ID, value: created.zohoId }]);
    const what = mapped.target === 'books.estimate' ? 'estimate' : 'sales order';
    await s.enter('in_zoho', `${what} ${created.zohoNumber}${created.adopted ? ' (found in Zoho after an unconfirmed create)' : ''}`);

    // 5
    if (mapped.confirm) {
      await s.step(() => zoho.confirmInZoho(orderId));
      await s.enter('confirmed');
      if (takesRevisions) await db.closeEditing(orderId, 'It is confirmed in Zoho: the office must change it there.');
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
    if (takesRevisions && !mapped.confirm) await takeRevisions(about.editWindowMs ?? 0, mapped.target);
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
