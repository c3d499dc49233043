export function OnlineStatus({ online }: { online: boolean }) {
  return (
    <p class={`pill ${online ? 'pill-online' : 'pill-offline'}`} role="status" data-testid="online-status">
      <span class="dot" aria-hidden="true" />
      {online ? 'Online' : 'Offline'}
    </p>
  );
}
