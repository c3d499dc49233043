/** Signals and queries of the document workflows (imported by workflows, the hub and tests). */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Stage } from '../domain/lifecycle';

export interface DocumentStatus {
  stage: Stage;
  zohoId?: string;
  zohoNumber?: string;
  /** Why it waits in needs_attention (Zoho's or the mapping's message). */
  attentionReason?: string;
  /** The workflow it waits for (an order waits for its new customer's workflow). */
  waitingFor?: string;
  /** The revision of the document Zoho holds (0: as first sent; absent before it reached Zoho). */
  revision?: number;
}

/** After support fixed the cause of needs_attention: try the step again. */
export const retrySignal = defineSignal('retry');
/** Stop the document (a sales order already in Zoho is voided). */
export const cancelSignal = defineSignal<[reason?: string]>('cancel');
export const statusQuery = defineQuery<DocumentStatus>('status');
/** Hub → document workflow: the rep sent revision N of the document (stored before the signal). */
export const revisedSignal = defineSignal<[revision: number]>('revised');

/** Customer workflow → waiting orders: the customer's Zoho contact exists. */
export const customerReadySignal = defineSignal<[zohoContactId: string]>('customerReady');
/** Order → customer workflow: tell me when the contact exists. */
export const orderWaitingSignal = defineSignal<[orderWorkflowId: string]>('orderWaiting');
