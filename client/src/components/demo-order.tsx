import { useEffect, useState } from 'preact/hooks';
import { ApiError, getSampleOrder, placeOrder, type FieldError, type OrderSummary } from '../api';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string; fields: FieldError[] };

/**
 * "Place a demo order": only when the hub is in sandbox mode (it serves /api/dev/sample-order).
 * Each click asks for a fresh sample (a new device id, so a new order) and posts it.
 */
export function DemoOrder({ online, onPlaced }: { online: boolean; onPlaced(order: OrderSummary): void }) {
  const [available, setAvailable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  useEffect(() => {
    if (!online) return;
    let live = true;
    getSampleOrder().then(
      (sample) => live && setAvailable(sample !== null),
      () => live && setAvailable(false),
    );
    return () => {
      live = false;
    };
  }, [online]);

  if (!available) return null;

  async function place() {
    setBusy(true);
    setOutcome(undefined);
    try {
      const sample = await getSampleOrder();
      if (!sample) {
        setAvailable(false);
        return;
      }
      const order = await placeOrder(sample); // the hub validates it against OrderSchema
      onPlaced(order);
      setOutcome({ kind: 'ok', text: `Order ${order.number} placed for ${order.customerName}.` });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(err instanceof Error ? err.message : String(err), 0);
      setOutcome({ kind: 'error', text: e.message, fields: e.fields });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="demo-order">
      <button type="button" class="button" onClick={place} disabled={busy || !online} aria-busy={busy}>
        {busy ? 'Placing…' : 'Place a demo order'}
      </button>
      {outcome?.kind === 'ok' && (
        <p class="notice notice-ok" role="status">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <div class="notice notice-error" role="alert" data-testid="order-error">
          <p>{outcome.text}</p>
          {outcome.fields.length > 0 && (
            <ul>
              {outcome.fields.map((f) => (
                <li key={f.path}>
                  <code>{f.path}</code>: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
