import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from './format';

export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
  reload: () => void;
}

/**
 * Load something from the hub when `deps` change. `poll` refreshes it while the screen is open: the
 * next load is timed from the end of the last one (a slow answer is shown, never overtaken), waits
 * while the tab is hidden, and stops when `poll` returns undefined for the data (e.g. a finished order).
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], poll?: number | ((data: T) => number | undefined)): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const last = useRef<T>();
  const interval = (data: T | undefined) => (typeof poll === 'function' ? (data === undefined ? undefined : poll(data)) : poll);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = (ms: number | undefined) => {
      if (!live || !ms) return;
      const fire = () => (document.visibilityState === 'hidden' ? (timer = setTimeout(fire, ms)) : reload());
      timer = setTimeout(fire, ms);
    };
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => {
        if (!live) return;
        last.current = data;
        setState({ data, loading: false });
        again(interval(data));
      },
      (err: unknown) => {
        if (!live) return;
        setState((s) => ({ data: s.data, error: errorText(err), loading: false }));
        again(interval(last.current)); // a failed refresh is tried again at the same pace
      },
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload };
}
