export type HubHealth = 'checking' | 'ok' | 'unreachable' | 'unhealthy';

const TEXT: Record<HubHealth, string> = {
  checking: 'Checking the hub…',
  ok: 'Hub connected',
  unreachable: 'Hub unreachable',
  unhealthy: 'Hub reports a problem',
};

export function HubStatus({ health }: { health: HubHealth }) {
  return (
    <p class={`hub-status hub-${health}`} role="status" data-testid="hub-status">
      <span class="dot" aria-hidden="true" />
      {TEXT[health]}
    </p>
  );
}
