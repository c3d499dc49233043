/**
 * Zoho's API as its own descriptions give it, in zod: the request Zoho accepts and the answer it
 * gives, for every resource Satchel reads or writes, and the list filters it documents. Written from
 * Zoho's descriptions (each file names its source), never from our sandbox or connector, so tests can
 * hold both to the same third party (requests.test.ts, answers.test.ts, filters.test.ts).
 */
export * from './common';
export * from './filters';
export * from './salesorders';
export * from './estimates';
export * from './contacts';
export * from './items';
export * from './locations';
export * from './units';
export * from './pricebooks';
export * from './taxes';
export * from './currencies';
export * from './payment-terms';
export * from './organizations';
export * from './custom-fields';
export * from './oauth';
export * from './requests';
