/** The shared domain model as the console uses it: import it from here (see web/domain.ts). */
export * from '../../web/domain';
