import { useEffect, useState } from 'preact/hooks';
import { getHealth } from './api';
import { hubReachable } from './connection';
import { useObservable } from './observable';
import { connectionOf, type Connection } from './outbox/status';
import { HUB_PROBE_MS } from './settings';
import { allEntries, onOutboxChange, type OutboxEntry } from './store/outbox';

/** navigator.onLine, kept up to date. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * Offline, hub unreachable, or online. Every API call reports whether the hub answered; while the
 * device is online and the page visible, the hub is also asked (/healthz) every HUB_PROBE_MS and
 * when the network comes back, so the pill changes without waiting for the next real call.
 */
export function useConnection(online: boolean, visible: boolean): Connection {
  const reachable = useObservable(hubReachable);
  useEffect(() => {
    if (!online || !visible) return;
    const probe = () => void getHealth().catch(() => undefined); // the request reports the outcome
    probe();
    const timer = setInterval(probe, HUB_PROBE_MS);
    return () => clearInterval(timer);
  }, [online, visible]);
  return connectionOf(online, reachable);
}

/** Whether the page is visible (polling pauses while it is not). */
export function useVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/** The outbox, re-read whenever any page or the service worker changes it. */
export function useOutbox(): OutboxEntry[] | undefined {
  const [entries, setEntries] = useState<OutboxEntry[]>();
  useEffect(() => {
    let live = true;
    const load = () => void allEntries().then((e) => live && setEntries(e));
    load();
    const stop = onOutboxChange(load);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return entries;
}

/** The result of an async function of `deps` (undefined while it runs). */
export function useAsync<T>(run: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let live = true;
    run().then(
      (v) => live && setValue(() => v),
      (err: unknown) => console.warn(err),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
