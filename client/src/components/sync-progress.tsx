import { bytes, count } from '../format';
import type { SyncStatus } from '../sync/controller';

/** The data set download: a bar by change numbers, records and bytes in words. */
export function SyncProgress({ status }: { status: SyncStatus }) {
  const p = status.progress;
  const pct = p?.fraction !== undefined ? Math.round(p.fraction * 100) : undefined;
  return (
    <div class="sync-progress" data-testid="sync-progress">
      <progress max={100} value={pct} aria-label="Download progress" />
      <p role="status">
        {p ? `${count(p.records)} records · ${bytes(p.bytes)}${pct !== undefined ? ` · ${pct}%` : ''}` : 'Connecting…'}
        {p && p.resumed > 0 && ` · resumed ${p.resumed}×`}
        {p && p.skipped > 0 && ` · ${p.skipped} skipped`}
      </p>
    </div>
  );
}

/** The hub itself is still loading the catalogue from Zoho (first start): what the rep has is partial. */
export function HubLoading({ items }: { items: number }) {
  return (
    <p class="notice banner" role="status" data-testid="hub-loading">
      The office is still loading the catalogue from Zoho: {count(items)} {items === 1 ? 'product' : 'products'} so far. More arrive by themselves.
    </p>
  );
}
