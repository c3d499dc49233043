import { loadIndexes } from '../store/dataset';
import { useAsync } from '../hooks';
import { useObservable } from '../observable';
import { dataVersion } from '../sync/controller';

/** True once the search indexes are in memory; screens re-render when the data set changes. */
export function useDataReady(): { ready: boolean; version: number } {
  const version = useObservable(dataVersion);
  const ready = useAsync(() => loadIndexes().then(() => true), []);
  return { ready: !!ready, version };
}
