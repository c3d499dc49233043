/**
 * Whether a sent document can still be changed from the app, and if not, why (in the rep's words).
 * One rule for the device (offline, from its last list) and the hub; its own zod-free module so the
 * rep's app can use it without the schemas (domain/revisions.ts re-exports it beside the request).
 */
import type { DocumentKind } from './order';
import type { Stage } from './lifecycle';

export interface EditabilityInput {
  kind: DocumentKind;
  stage: Stage;
  /** Why the workflow closed editing (confirmed in Zoho, the edit window ended, Zoho says it is no longer a draft). */
  editClosedReason: string | null;
}

export type Editability = { editable: true } | { editable: false; reason: string };

/** Whether a sent document can still be changed from the app, and if not, why (in the rep's words). */
export function editability({ stage, editClosedReason }: EditabilityInput): Editability {
  if (stage === 'cancelled') return { editable: false, reason: 'It was cancelled.' };
  if (stage === 'confirmed') return { editable: false, reason: 'It is confirmed in Zoho: the office must change it there.' };
  if (editClosedReason) return { editable: false, reason: editClosedReason };
  return { editable: true };
}
