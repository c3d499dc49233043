import { OnlineStatus } from './online-status';

export function Header({ online }: { online: boolean }) {
  return (
    <header class="app-header">
      <h1 class="brand">
        <img src="/icons/icon-192.png" alt="" width={28} height={28} />
        Satchel
      </h1>
      <OnlineStatus online={online} />
    </header>
  );
}
