/**
 * Connecting to Temporal and starting document workflows. Used by the hub; the workflow id is the
 * document's own id, so a repeated start (device replay, two tabs) finds the existing run.
 */
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Config } from '../config';
import { workflowId as workflowIdOf, type DocumentKind } from '../domain';
import { ServiceUnavailableError } from '../scripts/lib/run-main';
import type { CustomerWorkflowInput, customerWorkflow } from './customer.workflow';
import type { OrderWorkflowInput, orderWorkflow } from './order.workflow';
import { SA_CUSTOMER, SA_DOCUMENT_NUMBER, SA_KIND, SA_REP, SA_STAGE } from './search-attributes';

export async function connectTemporal(temporal: Config['temporal']): Promise<Client> {
  try {
    const connection = await Connection.connect({ address: temporal.address, connectTimeout: '5 seconds' });
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

/** Start the document's workflow unless it already exists (running or finished). Returns its id. */
export async function startDocumentWorkflow(client: Client, taskQueue: string, doc: DocumentToStart): Promise<string> {
  const workflowId = workflowIdOf(doc.kind, doc.id);
  const args: [OrderWorkflowInput] = [{ orderId: doc.id }];
  try {
    await client.workflow.start<typeof orderWorkflow>(doc.kind === 'quote' ? 'quoteWorkflow' : 'orderWorkflow', {
      taskQueue,
      workflowId,
      args,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA_STAGE, value: 'received' },
        { key: SA_KIND, value: doc.kind },
        { key: SA_DOCUMENT_NUMBER, value: doc.number },
        { key: SA_CUSTOMER, value: doc.customerName },
        ...(doc.repEmail ? [{ key: SA_REP, value: doc.repEmail }] : []),
      ],
      ...(doc.summary ? { memo: { summary: doc.summary } } : {}),
    });
  } catch (err) {
    // REJECT_DUPLICATE: the workflow ran already and finished. That is success for us.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return workflowId;
}

/** Start the workflow of a customer made on a device unless it exists (running or finished). */
export async function startCustomerWorkflow(client: Client, taskQueue: string, customer: { id: string; name: string }): Promise<string> {
  const workflowId = workflowIdOf('customer', customer.id);
  const args: [CustomerWorkflowInput] = [{ customerId: customer.id, name: customer.name }];
  try {
    await client.workflow.start<typeof customerWorkflow>('customerWorkflow', {
      taskQueue,
      workflowId,
      args,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA_STAGE, value: 'received' },
        { key: SA_KIND, value: 'customer' },
        { key: SA_CUSTOMER, value: customer.name },
      ],
      memo: { summary: `New customer ${customer.name}` },
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return workflowId;
}
