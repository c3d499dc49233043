/** Every workflow the worker registers (the worker's `workflowsPath`). Workflow code only: no I/O. */
export { orderWorkflow, quoteWorkflow } from './order.workflow';
export { customerWorkflow } from './customer.workflow';
export { catalogueSyncWorkflow } from './catalogue-sync.workflow';
export { voidDocumentWorkflow } from './void.workflow';
export { customerUpdateWorkflow } from './customer-update.workflow';
