/** All activities, built from their dependencies. Grouped by what they touch. */
export { createOrderDbActivities, type OrderDbActivities, type CurrentPrices, type PriceCheckPolicy, type CustomerResolution } from './order-db';
export { createMappingActivities, type MappingActivities, type MappedOrder } from './mapping';
export { createZohoActivities, type ZohoActivities, type ZohoActivityDeps, type PushResult } from './zoho';
export { createPdfActivities, type PdfActivities } from './pdf';
export { createMailActivities, type MailActivities } from './mail';
export { createCustomerEditActivities, type CustomerEditActivities } from './customer-edit';
