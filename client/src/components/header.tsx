import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicUser } from '../domain';
import { when } from '../format';
import type { Connection } from '../outbox/status';
import type { SyncStatus } from '../sync/controller';
import { OnlineStatus } from './online-status';

export interface MenuActions {
  onSync(): void;
  onSend(): void;
  onSignOut(): void;
}

/** The app bar: name, connection, "Prices as of", and the menu (Sync data, Send now, Sign out). */
export function Header({
  online,
  connection,
  user,
  sync,
  unsent,
  actions,
}: {
  online: boolean;
  connection: Connection;
  user?: PublicUser;
  sync: SyncStatus;
  unsent: number;
  actions: MenuActions;
}) {
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('button')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [open]);
  const pick = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  return (
    <header class="app-header">
      <h1 class="brand">
        <img src="/icons/icon-192.png" alt="" width={28} height={28} />
        Satchel
      </h1>
      <div class="user-menu">
        <OnlineStatus connection={connection} />
        {user && (
          <div class="menu-wrap">
            <button type="button" class="icon-button" aria-label="Menu" aria-expanded={open} aria-controls="app-menu" onClick={() => setOpen(!open)}>
              <span class="hamburger" aria-hidden="true" />
            </button>
            {open && (
              <div class="menu" id="app-menu" ref={menu}>
                <p class="menu-user" data-testid="user-name">
                  {user.name}
                </p>
                <p class="menu-note" data-testid="prices-as-of">
                  {sync.syncedAt ? `Prices as of ${when(sync.syncedAt)}` : 'Not synced yet'}
                </p>
                {sync.problems.length > 0 && (
                  <p class="menu-note" data-testid="sync-skipped" title={sync.problems.join('\n')}>
                    {sync.problems.length} unreadable {sync.problems.length === 1 ? 'record' : 'records'} skipped (last:{' '}
                    {sync.problems[sync.problems.length - 1]})
                  </p>
                )}
                {sync.error && <p class="menu-note">Last sync failed: {sync.error}</p>}
                <button type="button" onClick={pick(actions.onSync)} disabled={sync.running || !online}>
                  {sync.running ? 'Syncing…' : 'Sync data'}
                </button>
                <button type="button" onClick={pick(actions.onSend)} disabled={unsent === 0}>
                  Send unsent work ({unsent})
                </button>
                <button type="button" onClick={pick(actions.onSignOut)}>
                  Sign out
                </button>
              </div>
            )}
          </div>
        )}
      </div>
    </header>
  );
}
