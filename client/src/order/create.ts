/** Create Order / Create Quote: check, build, pre-flight, put in the outbox, start a new draft. */
import { documentNumber, orderTotals, type PreflightFinding } from '../domain';
import { enqueue } from '../outbox/client';
import { observable } from '../observable';
import { getCustomer } from '../store/dataset';
import { buildOrder } from './build';
import type { DraftProblems } from './checks';
import { draft, resetDraft } from './draft-store';
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
  const customer = d.customerId ? await getCustomer(d.customerId) : undefined;
  const built = await buildOrder(d, customer);
  if (!built.ok) return built;
  const checked = await checkBeforeSending(built.order, d.customerId!, customer!);
  if (checked.blocks.length || !accepted(checked.warnings, acceptWarnings)) return { ok: false, preflight: checked };
  const order = checked.warnings.length ? { ...built.order, acceptedWarnings: acceptedWarnings(checked.warnings) } : built.order;
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
