/** The connection pill in the app bar: Offline (no network), Hub unreachable (network, no hub), Online. */
import { CONNECTION_LABEL, type Connection } from '../outbox/status';

export function OnlineStatus({ connection }: { connection: Connection }) {
  return (
    <p class={`pill pill-${connection}`} role="status" data-testid="online-status" data-connection={connection}>
      <span class="dot" aria-hidden="true" />
      {CONNECTION_LABEL[connection]}
    </p>
  );
}
