/** The shared domain model as the rep's app uses it: import it from here (see web/domain.ts). */
export * from '../../web/domain';
