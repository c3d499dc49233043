import type { OrderSummary } from '../api';
import { money, when } from '../format';
import { StageBadge } from './stage-badge';

export function OrderList({ orders }: { orders: OrderSummary[] }) {
  if (orders.length === 0) return <p class="empty">No orders yet.</p>;
  return (
    <ul class="order-list" data-testid="order-list">
      {orders.map((o) => (
        <li key={o.id} class="order" data-order-id={o.id}>
          <div class="order-main">
            <span class="order-customer">{o.customerName}</span>
            <span class="order-total">{money(o.total)}</span>
          </div>
          <div class="order-meta">
            <span class="order-number">
              {o.kind === 'quote' && <span class="tag">Quote</span>}
              {o.number}
            </span>
            <time dateTime={o.createdAt}>{when(o.createdAt)}</time>
          </div>
          <StageBadge stage={o.stage} />
        </li>
      ))}
    </ul>
  );
}
