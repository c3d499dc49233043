/**
 * On a sent order or quote in the lists: its latest change (waiting, sent as revision n, or
 * refused and why) and, when it can no longer change, why; and the Edit button while it can
 * (outbox/revisions.ts).
 */
import { canEdit, revisionStatus } from '../outbox/revisions';
import { startEditing } from '../order/edit';
import { removeEntry, type OutboxEntry } from '../store/outbox';

interface Props {
  entry: OutboxEntry;
  entries: readonly OutboxEntry[];
}

export function ChangeStatus({ entry, entries }: Props) {
  const change = revisionStatus(entries, entry.id);
  const can = canEdit(entry);
  return (
    <>
      {change && (
        <span class={`status status-${change.tone}`} data-testid="revision-status" data-state={change.entry.state}>
          <strong>{change.label}</strong>
          {change.detail && <span> · {change.detail}</span>}
          {change.entry.state === 'rejected' && (
            <>
              {' '}
              <button type="button" class="link-button" onClick={() => void removeEntry(change.entry.id)}>
                Dismiss
              </button>
            </>
          )}
        </span>
      )}
      {/* Why it cannot change, unless its refused change says so already, or its status (cancelled). */}
      {can && !can.editable && entry.hub?.stage !== 'cancelled' && change?.entry.rejection?.code !== 'not_editable' && (
        <span class="muted" data-testid="not-editable">
          Cannot be changed here: {can.reason}
        </span>
      )}
    </>
  );
}

export function EditAction({ entry, entries }: Props) {
  if (!canEdit(entry)?.editable) return null;
  return (
    <button type="button" class="button button-small" onClick={() => void startEditing(entries, entry)} data-testid="edit-doc">
      Edit
    </button>
  );
}
