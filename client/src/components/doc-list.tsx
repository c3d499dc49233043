/**
 * The documents made on this device, newest first, each with where it is now and what the rep can
 * do with it: retry or discard one the hub refused, re-order, make an order of a quote, cancel,
 * edit one already sent (its changes are revision entries, shown on their document's row).
 */
import { useState } from 'preact/hooks';
import { documentNumber, type Order } from '../domain';
import { money, when } from '../format';
import { cancelDocument } from '../api';
import { refreshFromHub, retryEntry } from '../outbox/client';
import { docStatus } from '../outbox/status';
import { currentOrder, latestRevision } from '../outbox/revisions';
import { removeEntry, type OutboxEntry } from '../store/outbox';
import { ChangeStatus, EditAction } from './sent-changes';

const KIND = { order: 'Order', quote: 'Quote', customer: 'New customer', revision: 'Changes' } as const;

/** Documents made on this device, newest first, each with where it is now. */
export function DocList({
  entries,
  onReorder,
  onConvert,
}: {
  entries: OutboxEntry[];
  onReorder?: (order: Order) => void;
  /** A sent quote: one tap makes the order of it (linked to it in Zoho). */
  onConvert?: (quote: Order) => void;
}) {
  const rows = entries.filter((e) => e.kind !== 'revision');
  if (rows.length === 0) return <p class="empty">Nothing yet.</p>;
  return (
    <ul class="list docs" data-testid="doc-list">
      {rows.reverse().map((e) => {
        const s = docStatus(e);
        const doc = e.kind === 'order' || e.kind === 'quote' ? e.kind : undefined;
        const number = doc && documentNumber(doc, e.id);
        const total = (doc && latestRevision(entries, e.id)?.total) || e.total;
        return (
          <li key={e.id} class="row doc" data-doc-id={e.id} data-kind={e.kind} data-status={s.tone}>
            <div class="row-main static">
              <span class="row-title">
                <span class="tag">{KIND[e.kind]}</span> {e.customerName}
              </span>
              <span class="row-sub">
                {number && <span>{number}</span>}
                <time dateTime={e.createdAt}>{when(e.createdAt)}</time>
              </span>
              <span class={`status status-${s.tone}`} data-testid="doc-status">
                <strong>{s.label}</strong>
                {s.detail && <span> · {s.detail}</span>}
              </span>
              {doc && <ChangeStatus entry={e} entries={entries} />}
              {e.rejection && e.rejection.fields.length > 0 && (
                <ul class="field-list">
                  {e.rejection.fields.map((f) => (
                    <li key={f.path}>
                      <code>{f.path}</code>: {f.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div class="row-end">
              {total && <span class="price">{money(total)}</span>}
              {e.state === 'rejected' && (
                <>
                  <button type="button" class="button button-small" onClick={() => void retryEntry(e.id)}>
                    Retry
                  </button>
                  <button
                    type="button"
                    class="button button-small button-quiet"
                    onClick={() => confirm(`Discard this ${KIND[e.kind].toLowerCase()}? It was never accepted by the hub.`) && void removeEntry(e.id)}
                  >
                    Discard
                  </button>
                </>
              )}
              {doc && <EditAction entry={e} entries={entries} />}
              {doc && e.state === 'sent' && e.hub?.stage !== 'cancelled' && <CancelButton entry={e} number={number!} />}
              {onConvert && e.kind === 'quote' && e.state === 'sent' && (
                <button type="button" class="button button-small" onClick={() => onConvert(e.body as Order)} data-testid="make-order">
                  Make order
                </button>
              )}
              {onReorder && doc && (
                <button type="button" class="button button-small button-quiet" onClick={() => onReorder(currentOrder(entries, e))}>
                  Re-order
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Cancel a sent document (the customer changed their mind): the hub stops its workflow, or voids
 * it in Zoho once it finished. Needs the hub; offline the rep is told so and nothing changes.
 */
function CancelButton({ entry, number }: { entry: OutboxEntry; number: string }) {
  const [state, setState] = useState<{ busy?: boolean; said?: string; failed?: boolean }>({});
  const noun = KIND[entry.kind as 'order' | 'quote'].toLowerCase();
  const cancel = async () => {
    if (!confirm(`Cancel ${noun} ${number}? ${entry.kind === 'order' ? 'Its sales order is voided in Zoho.' : ''}`)) return;
    setState({ busy: true });
    try {
      await cancelDocument(entry.id);
      setState({ said: 'Cancelling…' });
      void refreshFromHub();
    } catch (err) {
      setState({ said: err instanceof Error ? err.message : String(err), failed: true });
    }
  };
  return (
    <>
      <button type="button" class="button button-small button-quiet" disabled={state.busy} onClick={() => void cancel()} data-testid="cancel-doc">
        Cancel {noun}
      </button>
      {state.said && (
        <span class={state.failed ? 'field-error' : 'muted'} role={state.failed ? 'alert' : 'status'}>
          {state.said}
        </span>
      )}
    </>
  );
}
