/** Every workflow the worker registers (the worker's `workflowsPath`). Workflow code only: no I/O. */
export { orderWorkflow } from './order.workflow';
