/**
 * Connecting to Temporal and starting document workflows. Used by the hub; the workflow id is the
 * document's own id, so a repeated start (device replay, two tabs) finds the existing run.
 */
import { Client, Connection, WorkflowExecutionAlreadyStartedError, type WorkflowStartOptions } from '@temporalio/client';
import type { Config } from '../config';
import { workflowId as workflowIdOf, type DocumentKind } from '../domain';
import { ServiceUnavailableError } from '../server/startup';
import type { CustomerWorkflowInput } from './customer.workflow';
import type { CustomerUpdateInput } from './customer-update.workflow';
import type { OrderWorkflowInput } from './order.workflow';
import type { VoidDocumentInput } from './void.workflow';
import { SA_CUSTOMER, SA_DOCUMENT_NUMBER, SA_KIND, SA_REP, SA_STAGE } from './search-attributes';

/**
 * A client from the configuration's Temporal settings: address, namespace, and, from Temporal's
 * standard client configuration, an API key, mTLS or gRPC metadata (Temporal Cloud).
 */
export async function connectTemporal(
  temporal: Pick<Config['temporal'], 'address' | 'namespace'> & Partial<Pick<Config['temporal'], 'connection'>>,
): Promise<Client> {
  try {
    const connection = await Connection.connect({ ...(temporal.connection ?? { address: temporal.address }), connectTimeout: '5 seconds' });
    return new Client({ connection, namespace: temporal.namespace });
  } catch (err) {
    throw new ServiceUnavailableError(
      `Temporal is not reachable at ${temporal.address} (${(err as Error).message}). ` +
        'Run `npm start`, which starts a local Temporal dev server, or set TEMPORAL_ADDRESS to a running server.',
    );
  }
}

export interface DocumentToStart {
  id: string;
  kind: DocumentKind;
  number: string;
  customerName: string;
  /** The rep's email, searchable as SatchelRep. */
  repEmail?: string | null;
  /** One line for the Temporal UI's memo ("Order SO-… for Corner Shop: $37.49, 2 line(s)"). */
  summary?: string;
}

/**
 * Start a workflow once: the id is the document's own, so a second start (device replay, two tabs)
 * joins the running workflow (USE_EXISTING) and a start after it finished is refused
 * (REJECT_DUPLICATE), which for us is success too.
 */
async function startOnce(
  client: Client,
  workflowType: string,
  options: Omit<WorkflowStartOptions, 'workflowIdConflictPolicy' | 'workflowIdReusePolicy'>,
): Promise<string> {
  try {
    await client.workflow.start(workflowType, { ...options, workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE' });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return options.workflowId;
}

/** Start the document's workflow unless it already exists (running or finished). Returns its id. */
export function startDocumentWorkflow(client: Client, taskQueue: string, doc: DocumentToStart): Promise<string> {
  const args: [OrderWorkflowInput] = [{ orderId: doc.id }];
  return startOnce(client, doc.kind === 'quote' ? 'quoteWorkflow' : 'orderWorkflow', {
    taskQueue,
    workflowId: workflowIdOf(doc.kind, doc.id),
    args,
    typedSearchAttributes: [
      { key: SA_STAGE, value: 'received' },
      { key: SA_KIND, value: doc.kind },
      { key: SA_DOCUMENT_NUMBER, value: doc.number },
      { key: SA_CUSTOMER, value: doc.customerName },
      ...(doc.repEmail ? [{ key: SA_REP, value: doc.repEmail }] : []),
    ],
    ...(doc.summary ? { memo: { summary: doc.summary } } : {}),
  });
}

/** Void a finished document in Zoho once (a second ask joins or finds the first). */
export function startVoidWorkflow(client: Client, taskQueue: string, doc: { id: string; kind: DocumentKind; number: string; by: string }): Promise<string> {
  const args: [VoidDocumentInput] = [{ orderId: doc.id, by: doc.by }];
  return startOnce(client, 'voidDocumentWorkflow', {
    taskQueue,
    workflowId: `void-${workflowIdOf(doc.kind, doc.id)}`,
    args,
    typedSearchAttributes: [
      { key: SA_STAGE, value: 'received' },
      { key: SA_KIND, value: doc.kind },
      { key: SA_DOCUMENT_NUMBER, value: doc.number },
    ],
    memo: { summary: `Void ${doc.number}: ${doc.by}` },
  });
}

/** Start the workflow of a customer made on a device unless it exists (running or finished). */
export function startCustomerWorkflow(client: Client, taskQueue: string, customer: { id: string; name: string }): Promise<string> {
  const args: [CustomerWorkflowInput] = [{ customerId: customer.id, name: customer.name }];
  return startOnce(client, 'customerWorkflow', {
    taskQueue,
    workflowId: workflowIdOf('customer', customer.id),
    args,
    typedSearchAttributes: [
      { key: SA_STAGE, value: 'received' },
      { key: SA_KIND, value: 'customer' },
      { key: SA_CUSTOMER, value: customer.name },
    ],
    memo: { summary: `New customer ${customer.name}` },
  });
}

/** The workflow id of a rep's edit of a Zoho customer (the device's UUID for the edit). */
export const customerEditWorkflowId = (editId: string): string => `customer-edit-${editId}`;

/** Write a rep's phone or email edit to Zoho once (a second start joins or finds the first). */
export function startCustomerEditWorkflow(client: Client, taskQueue: string, edit: { id: string; customerName: string }): Promise<string> {
  const args: [CustomerUpdateInput] = [{ editId: edit.id, customerName: edit.customerName }];
  return startOnce(client, 'customerUpdateWorkflow', {
    taskQueue,
    workflowId: customerEditWorkflowId(edit.id),
    args,
    typedSearchAttributes: [
      { key: SA_STAGE, value: 'received' },
      { key: SA_KIND, value: 'customer' },
      { key: SA_CUSTOMER, value: edit.customerName },
    ],
    memo: { summary: `Phone or email of ${edit.customerName}` },
  });
}
