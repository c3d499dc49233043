import { DocList } from '../components/doc-list';
import type { Order } from '../domain';
import { useAsync, useOutbox } from '../hooks';
import { chooseCustomer, replaceLines } from '../order/draft-store';
import { go } from '../router';
import { getCustomer } from '../store/dataset';

/** One customer: contact details and the order history on this device, with re-order. */
export function CustomerDetail({ id }: { id: string }) {
  const customer = useAsync(() => getCustomer(id), [id]);
  const entries = useOutbox()?.filter((e) => e.customerId === id && e.kind !== 'customer');
  const reorder = (order: Order) => {
    chooseCustomer(id);
    // Same products and quantities; prices are the customer's current ones.
    replaceLines(order.lines.map((l) => ({ itemId: l.itemId, quantity: String(l.quantity) })), order.kind);
    go({ name: 'cart' });
  };
  if (customer === undefined) return <main id="main" class="screen"><h2 tabIndex={-1}>Customer</h2><p class="empty">Loading…</p></main>;
  const a = customer.billingAddress;
  return (
    <main id="main" class="screen">
      <div class="screen-head">
        <h2 tabIndex={-1}>{customer.name}</h2>
        <button
          type="button"
          class="button button-small"
          onClick={() => {
            chooseCustomer(id);
            go({ name: 'products' });
          }}
        >
          New order
        </button>
      </div>
      <p class="muted">
        {[customer.company, customer.email, customer.phone, a && [a.address, a.city, a.zip].filter(Boolean).join(', ')].filter(Boolean).join(' · ')}
        {customer.device && ' · created on this device'}
      </p>
      <h3>Order history</h3>
      {entries ? <DocList entries={entries} onReorder={reorder} /> : <p class="empty">Loading…</p>}
    </main>
  );
}
