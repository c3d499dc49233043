/**
 * A rep's change to an existing Zoho customer's phone or email, made on the device (offline too)
 * and sent to Zoho once by a workflow of its own (`customer-edit-<uuid>`). The device sends what it
 * showed before the edit (`before`): a field Zoho changed since is a conflict, decided here, by one
 * rule the hub applies and the device explains (mergeCustomerEdit). No zod here: the browser imports it.
 */
/** What the device sends (`POST /api/customer-edits`); checked by CustomerEditSchema (customer.ts). */
export interface CustomerEdit {
  /** Made on the device: the hub's idempotency key and the workflow's id. */
  id: string;
  zohoContactId: string;
  /** The new values; a field left out is not changed. An empty phone clears it. */
  email?: string;
  phone?: string;
  /** The values the device showed when the rep edited them ('' or absent for none). */
  before: { email?: string; phone?: string };
  createdAt: string;
}

export const EDITED_FIELDS = ['email', 'phone'] as const;
export type EditedField = (typeof EDITED_FIELDS)[number];

/** pending: not in Zoho yet; applied: Zoho has the rep's values; conflict: some field kept Zoho's newer value; failed: Zoho refused it. */
export type CustomerEditStatus = 'pending' | 'applied' | 'conflict' | 'failed';

export interface CustomerEditSummary {
  id: string;
  zohoContactId: string;
  status: CustomerEditStatus;
  /** Fields sent to Zoho (or already there). */
  applied: Partial<Record<EditedField, string>>;
  /** Fields Zoho changed since the device saw them: Zoho's value kept, the rep's not sent. */
  kept: Partial<Record<EditedField, { zoho: string; yours: string }>>;
  /** In the rep's words: what happened. */
  message: string | null;
  createdAt: string;
  updatedAt: string;
}

const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

export interface EditMerge {
  /** The fields to write to Zoho now (those already equal are left out). */
  write: Partial<Record<EditedField, string>>;
  applied: CustomerEditSummary['applied'];
  kept: CustomerEditSummary['kept'];
}

/**
 * Three values per field: what the device saw (`before`), what the rep wants, what Zoho has now.
 * Zoho unchanged since the device saw it: the rep's value is written. Zoho already the rep's: nothing
 * to write. Zoho changed to something else meanwhile (the office edited it): Zoho's newer value is
 * kept and the rep is told, so neither side's change is lost silently.
 */
export function mergeCustomerEdit(edit: CustomerEdit, zohoNow: Partial<Record<EditedField, string | undefined>>): EditMerge {
  const out: EditMerge = { write: {}, applied: {}, kept: {} };
  for (const field of EDITED_FIELDS) {
    const wanted = edit[field];
    if (wanted === undefined) continue;
    const now = zohoNow[field] ?? '';
    if (same(now, wanted)) out.applied[field] = wanted;
    else if (same(now, edit.before[field])) {
      out.write[field] = wanted;
      out.applied[field] = wanted;
    } else out.kept[field] = { zoho: now, yours: wanted };
  }
  return out;
}

/** The message the customer screen shows for a finished edit. */
export function editMessage(merge: Pick<EditMerge, 'applied' | 'kept'>): string {
  const kept = Object.entries(merge.kept).map(
    ([field, v]) => `the ${field} was changed in Zoho to ${v.zoho || '(none)'} since you edited it, so yours (${v.yours || '(none)'}) was not sent`,
  );
  if (!kept.length) return 'Saved in Zoho';
  const applied = Object.keys(merge.applied);
  return `${applied.length ? `The ${applied.join(' and ')} saved in Zoho; ` : ''}${kept.join('; ')}. Edit it again to replace Zoho's`;
}
