/** A value that screens can follow: the app's few pieces of shared state. */
import { useEffect, useReducer } from 'preact/hooks';

export interface Observable<T> {
  get(): T;
  set(next: T | ((current: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export function observable<T>(initial: T): Observable<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = typeof next === 'function' ? (next as (c: T) => T)(value) : next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Re-render when `o` changes. */
export function useObservable<T>(o: Observable<T>): T {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => o.subscribe(() => bump(undefined)), [o]);
  return o.get();
}
