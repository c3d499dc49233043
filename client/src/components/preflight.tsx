/**
 * Pre-flight's answer before an order is created (order/preflight.ts): what blocks it, what the
 * office must approve, and the warnings the rep may send it anyway with (recorded on the order).
 */
import type { Preflight } from '../order/preflight';

export function PreflightNotice({
  preflight,
  busy,
  onSendAnyway,
  onDismiss,
}: {
  preflight?: Preflight;
  busy: boolean;
  onSendAnyway(): void;
  onDismiss(): void;
}) {
  if (!preflight) return null;
  const { blocks, warnings, approvals } = preflight;
  if (blocks.length) {
    return (
      <div class="notice notice-error" role="alert" data-testid="preflight" data-outcome="block">
        <p>The order cannot be sent:</p>
        <ul>
          {blocks.map((f, i) => (
            <li key={i} data-rule={f.rule}>
              {f.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (!warnings.length) return null;
  return (
    <div class="notice notice-warn" role="alert" data-testid="preflight" data-outcome="warn">
      <p>Check before sending:</p>
      <ul>
        {warnings.map((f, i) => (
          <li key={i} data-rule={f.rule}>
            {f.message}
          </li>
        ))}
      </ul>
      {approvals.length > 0 && <p class="preflight-approval">This order will wait for approval by the office: {approvals.map((f) => f.message).join('; ')}.</p>}
      <p class="preflight-note">Sending anyway records these warnings on the order for the office.</p>
      <div class="actions">
        <button type="button" class="button button-quiet" onClick={onDismiss}>
          Change the order
        </button>
        <button type="button" class="button" onClick={onSendAnyway} disabled={busy}>
          Send anyway
        </button>
      </div>
    </div>
  );
}
