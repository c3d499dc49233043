/**
 * Changing a document after it was sent: the rep sends a revision (the whole document again, with
 * the next revision number) through the same outbox; the hub stores it and tells the document's
 * workflow, which brings Zoho's draft up to date in place (never a second document), re-renders
 * the PDF marked as a revision and emails it. One rule, here, says whether a document can still
 * change, so the device (offline, from its last list) and the hub never disagree.
 */
import * as z from 'zod';
import type { DocumentKind } from './order';
import type { Stage } from './lifecycle';
import { OrderSchema } from './order';

/** POST /api/orders/:id/revisions: the document as it should be now, numbered from 1. */
export const RevisionRequestSchema = z.object({
  revision: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be at most 1000'),
  order: OrderSchema,
});
export type RevisionRequest = z.infer<typeof RevisionRequestSchema>;

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
