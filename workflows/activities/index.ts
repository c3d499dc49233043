/** All activities, built from their dependencies. Grouped by what they touch. */
export { createOrderDbActivities, type OrderDbActivities } from './order-db';
export { createZohoActivities, targetFor, type ZohoActivities, type ZohoActivityDeps, type PushResult } from './zoho';
