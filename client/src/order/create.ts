/** Create Order / Create Quote: check, build, put in the outbox, start a new draft. */
import { documentNumber, orderTotals } from '../domain';
import { enqueue } from '../outbox/client';
import { observable } from '../observable';
import { getCustomer } from '../store/dataset';
import { buildOrder } from './build';
import type { DraftProblems } from './checks';
import { draft, resetDraft } from './draft-store';

/** A one-time message for the next screen ("Order SO-… saved on this device"). */
export const flash = observable<string | undefined>(undefined);

export async function createDocument(): Promise<{ ok: true } | { ok: false; problems: DraftProblems }> {
  const d = draft.get();
  const customer = d.customerId ? await getCustomer(d.customerId) : undefined;
  const built = await buildOrder(d, customer);
  if (!built.ok) return built;
  const order = built.order;
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
  flash.set(`${order.kind === 'quote' ? 'Quote' : 'Order'} ${documentNumber(order.kind, order.id)} saved on this device.`);
  return { ok: true };
}
