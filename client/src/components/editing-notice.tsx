/** Above the cart and the details while a sent document is being changed: which one, and a way out. */
import type { EditedDocument } from '../order/draft';
import { endEdit } from '../order/draft-store';

export function EditingNotice({ editing }: { editing?: EditedDocument }) {
  if (!editing) return null;
  return (
    <p class="notice notice-warn" data-testid="editing">
      Changing {editing.kind} {editing.number}, already sent: saving sends the changes as a revision of it.{' '}
      <button type="button" class="link-button" onClick={() => void endEdit()}>
        Stop editing
      </button>
    </p>
  );
}
