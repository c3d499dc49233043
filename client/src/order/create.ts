/**
 * Create Order / Create Quote: check, build, pre-flight, put in the outbox, start a new draft. An
 * edit of a sent document goes the same way and becomes a revision of it (outbox/revisions.ts).
 */
import { documentNumber, orderTotals, type PreflightFinding } from '../domain';
import { enqueue } from '../outbox/client';
import { revisionEntry } from '../outbox/revisions';
import { allEntries } from '../store/outbox';
import { observable } from '../observable';
import { getCustomer } from '../store/dataset';
import { buildOrder } from './build';
import type { DraftProblems } from './checks';
import { draft, endEdit, resetDraft } from './draft-store';
import { accepted, acceptedWarnings, checkBeforeSending, type Preflight } from './preflight';

/** A one-time message for the next screen ("Order SO-… saved on this device"). */
export const flash = observable<string | undefined>(undefined);

export type CreateResult =
  | { ok: true }
  | { ok: false; problems: DraftProblems }
  /** Pre-flight stopped it: blocks to fix, or warnings the rep has not accepted yet. */
  | { ok: false; preflight: Preflight };

/**
 * `acceptWarnings`: the warnings the rep saw and chose Send anyway for. The order goes only when
 * they are all of today's warnings (a changed draft may bring one they have not seen).
 */
export async function createDocument(acceptWarnings?: readonly PreflightFinding[]): Promise<CreateResult> {
  const d = draft.get();
  const edit = d.editing;
  if (edit && d.customerId !== edit.customerId)
    return {
      ok: false,
      problems: { quantity: {}, discount: {}, fees: {}, customer: `A sent ${edit.kind} keeps its customer: choose ${edit.customer.name} again` },
    };
  const customer = d.customerId ? await getCustomer(d.customerId) : undefined;
  const built = await buildOrder(d, customer);
  if (!built.ok) return built;
  // A revision is the same document: its id, kind, customer and creation time stay.
  const made = edit ? { ...built.order, id: edit.id, kind: edit.kind, customer: edit.customer, createdAt: edit.createdAt } : built.order;
  const checked = await checkBeforeSending(made, d.customerId!, customer!);
  if (checked.blocks.length || !accepted(checked.warnings, acceptWarnings)) return { ok: false, preflight: checked };
  const order = checked.warnings.length ? { ...made, acceptedWarnings: acceptedWarnings(checked.warnings) } : made;
  if (edit) {
    await enqueue(revisionEntry(order, await allEntries(), edit.customerId));
    await endEdit();
    flash.set(`Changes to ${edit.number} saved on this device.`);
    return { ok: true };
  }
  await enqueue({
    id: order.id,
    kind: order.kind,
    body: order,
    customerId: d.customerId!,
    customerName: order.customer.name,
    total: orderTotals(order).gross,
    createdAt: order.createdAt,
  });
  resetDraft();
  const saved = `${order.kind === 'quote' ? 'Quote' : 'Order'} ${documentNumber(order.kind, order.id)} saved on this device.`;
  flash.set(checked.approvals.length ? `${saved} It will wait for approval by the office.` : saved);
  return { ok: true };
}
