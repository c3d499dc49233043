import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isFinal, isStage } from '../domain';
import { ApiError, getHealth, listOrders, type OrderSummary } from '../api';
import { DemoOrder } from '../components/demo-order';
import { HubStatus, type HubHealth } from '../components/hub-status';
import { OrderList } from '../components/order-list';
import { useVisible } from '../hooks';
import { POLL_MS } from '../settings';


const pending = (o: OrderSummary) => !(isStage(o.stage) && isFinal(o.stage));

export function Home({ online }: { online: boolean }) {
  const visible = useVisible();
  const [health, setHealth] = useState<HubHealth>('checking');
  const [orders, setOrders] = useState<OrderSummary[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    const [h, list] = await Promise.allSettled([getHealth(), listOrders()]);
    inFlight.current = false;
    setLoading(false);
    setHealth(h.status === 'rejected' ? 'unreachable' : h.value.status === 'ok' ? 'ok' : 'unhealthy');
    if (list.status === 'fulfilled') {
      setOrders(list.value);
      setError(undefined);
    } else {
      const reason: unknown = list.reason;
      setError(reason instanceof ApiError ? reason.message : 'Could not load the orders.');
    }
  }, []);

  // On start, when the connection comes back, and when the app comes back to the foreground.
  useEffect(() => {
    if (online && visible) void refresh();
  }, [online, visible, refresh]);

  // Poll while some order has not reached a final stage (done or cancelled).
  const polling = online && visible && !!orders?.some(pending);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, refresh]);

  const onPlaced = (order: OrderSummary) => {
    setOrders((list) => [order, ...(list ?? []).filter((o) => o.id !== order.id)]);
  };

  return (
    <main id="main" class="home">
      <HubStatus health={online ? health : 'unreachable'} />
      <section class="orders" aria-labelledby="orders-heading" aria-busy={loading && !orders}>
        <div class="section-head">
          <h2 id="orders-heading">Recent orders</h2>
          <DemoOrder online={online} onPlaced={onPlaced} />
        </div>
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {orders ? <OrderList orders={orders} /> : !error && <p class="empty">Loading orders…</p>}
      </section>
    </main>
  );
}
