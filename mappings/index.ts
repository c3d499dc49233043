export * from './schema';
export * from './apply';
export * from './defaults';
export { sourceView, type MappingContext, type SourceView } from './source-view';
export * from './targets';
