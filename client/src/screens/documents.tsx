import { useEffect } from 'preact/hooks';
import { DocList } from '../components/doc-list';
import { useOutbox } from '../hooks';
import { useObservable } from '../observable';
import { flash } from '../order/create';
import { refreshFromHub, requestReplay } from '../outbox/client';
import { unsent } from '../store/outbox';

/** Orders: everything made on this device and where it is, with "Send now" (and Edit on what was sent). */
export function Documents({ online }: { online: boolean }) {
  const entries = useOutbox();
  const message = useObservable(flash);
  useEffect(() => () => flash.set(undefined), []); // shown once
  const waiting = entries ? unsent(entries).filter((e) => e.state === 'queued').length : 0;
  // Whether the finished ones can still change (Edit, or why not): asked as the rep looks.
  useEffect(() => void (online && refreshFromHub(true).catch(() => undefined)), [online]);

  return (
    <main id="main" class="screen">
      <div class="screen-head">
        <h2 tabIndex={-1}>Orders</h2>
        <button type="button" class="button button-small" onClick={() => void requestReplay()} disabled={waiting === 0}>
          Send now{waiting > 0 ? ` (${waiting})` : ''}
        </button>
      </div>
      {message && (
        <p class="notice notice-ok" role="status" data-testid="flash">
          {message}
          {!online && ' It will be sent when there is a connection.'}
        </p>
      )}
      {entries ? <DocList entries={entries} /> : <p class="empty">Loading…</p>}
    </main>
  );
}
