// Every workflow the worker registers. The API starts workflows by these names only.
export { partnershipWorkflow } from './partnership';
export { webhookDeliveryWorkflow } from './webhook-delivery';
export { retentionWorkflow } from './retention-job';
