export * from './schema';
export * from './apply';
export * from './defaults';
export * from './diff';
export * from './validate';
export * from './sample';
export { sourceView, contactSourceView, type MappingContext, type SourceView, type ContactSourceView } from './source-view';
export * from './targets';
export { DEFAULT_EXPRESSION_LIMITS, type ExpressionLimits } from './expression';
