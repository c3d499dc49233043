/** The shared domain model: imported by hub, workflows and client alike. Pure: no I/O. */
export * from './money';
export * from './limits';
export * from './text';
export * from './lifecycle';
export * from './customer';
export * from './order';
export * from './document-number';
export * from './order-summary';
export * from './pricing';
export * from './money-engine';
export * from './catalogue';
export * from './user';
export * from './audit';
export * from './zoho';
export * from './preflight';
export * from './order-policies';
export * from './approval';
