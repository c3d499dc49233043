/**
 * A line at the top of the console while the hub is still loading its catalogue from Zoho (first
 * start, a newly connected organization): what is there so far and the sync's phase. Asks
 * GET /api/catalogue/sync every few seconds until the first full pass is done, then goes away.
 */
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api';

const POLL_MS = 5000;

interface SyncStatus {
  catalogue?: { state: 'ready' } | { state: 'loading'; items: number };
  running?: { progress?: { phase: string; calls: number } };
}

export function CatalogueLoading() {
  const [status, setStatus] = useState<SyncStatus>();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      const s = await request<SyncStatus>('/api/catalogue/sync').catch(() => undefined);
      if (!live) return;
      setStatus(s);
      // Without an answer (no Temporal) or once loaded, stop asking.
      if (s?.catalogue?.state === 'loading') timer = setTimeout(() => void look(), POLL_MS);
    };
    void look();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  const c = status?.catalogue;
  if (c?.state !== 'loading') return null;
  const phase = status?.running?.progress?.phase;
  return (
    <p class="notice banner" role="status" data-testid="catalogue-loading">
      The hub is still loading the catalogue from Zoho: {c.items.toLocaleString()} {c.items === 1 ? 'item' : 'items'} so far
      {phase ? ` (now: ${phase}, ${status!.running!.progress!.calls} Zoho calls)` : ''}. Reps' devices fetch the rest by themselves.
    </p>
  );
}
