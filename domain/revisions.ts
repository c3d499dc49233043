/**
 * Changing a document after it was sent: the rep sends a revision (the whole document again, with
 * the next revision number) through the same outbox; the hub stores it and tells the document's
 * workflow, which brings Zoho's draft up to date in place (never a second document), re-renders
 * the PDF marked as a revision and emails it. One rule, here, says whether a document can still
 * change, so the device (offline, from its last list) and the hub never disagree.
 */
import * as z from 'zod';
import { OrderSchema } from './order';

/** POST /api/orders/:id/revisions: the document as it should be now, numbered from 1. */
export const RevisionRequestSchema = z.object({
  revision: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be at most 1000'),
  order: OrderSchema,
});
export type RevisionRequest = z.infer<typeof RevisionRequestSchema>;

// The rule itself lives in a zod-free module (the rep's app bundles it without the schemas).
export { editability, type Editability, type EditabilityInput } from './editability';
