import type { PublicUser } from '../domain';
import { OnlineStatus } from './online-status';

export function Header({ online, user, onSignOut }: { online: boolean; user?: PublicUser; onSignOut: () => void }) {
  return (
    <header class="app-header">
      <h1 class="brand">
        <img src="/icons/icon-192.png" alt="" width={28} height={28} />
        Satchel
      </h1>
      <div class="user-menu">
        <OnlineStatus online={online} />
        {user && (
          <>
            <span data-testid="user-name">{user.name}</span>
            <button type="button" class="button button-small" onClick={onSignOut}>
              Sign out
            </button>
          </>
        )}
      </div>
    </header>
  );
}
