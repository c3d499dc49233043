/**
 * Orders: search every order and quote (number, Zoho number, customer; stage, kind, dates), and
 * each one's page: the timeline from device to email, its Zoho document, its workflow, and for
 * one that needs attention the reason with Retry and Cancel (and Approve when it waits for an approval).
 */
import { useState } from 'preact/hooks';
import { queryString, request } from '../api';
import { StageBadge } from '../components/stage-badge';
import { CardTable } from '../components/table';
import { isAwaitingApproval, isFinal, MAIN_LINE, STAGES, type OrderDetail, type OrderSummary } from '../domain';
import { dateTime, errorText, money, stageLabel } from '../format';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import type { ScreenProps } from '../screen-props';

interface Page {
  orders: OrderSummary[];
  nextCursor: string | null;
}

const FILTERS = ['q', 'stage', 'kind', 'from', 'to'] as const;

/** What each action on an order page says once the hub took it. */
const DONE = {
  retry: 'Retry sent: the workflow tries the step again.',
  cancel: 'Cancelled.',
  approve: 'Approved: the workflow checks the order again and sends it on.',
} as const;

export default function Orders(props: ScreenProps) {
  return props.params[0] ? <OrderPage id={props.params[0]} {...props} /> : <OrderSearch {...props} />;
}

function OrderSearch({ query }: ScreenProps) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [form, setForm] = useState(filters);
  const [more, setMore] = useState<OrderSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string>();
  const key = FILTERS.map((k) => filters[k]).join('|');
  const page = useLoad(async () => {
    const result = await request<Page>(`/api/orders${queryString({ ...filters, limit: 50 })}`);
    setMore([]);
    setCursor(result.nextCursor);
    return result;
  }, [key]);

  const submit = (e: Event) => {
    e.preventDefault();
    navigate(['orders'], form);
  };
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const next = await request<Page>(`/api/orders${queryString({ ...filters, limit: 50, before: cursor })}`);
      setMore((m) => [...m, ...next.orders]);
      setCursor(next.nextCursor);
    } catch (err) {
      setMoreError(errorText(err));
    }
  };
  const set = (k: (typeof FILTERS)[number]) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const orders = [...(page.data?.orders ?? []), ...more];

  return (
    <section>
      <h1>Orders</h1>
      <form class="grid panel" role="search" onSubmit={submit}>
        <label>
          Search
          <input name="q" type="search" placeholder="Number, Zoho number or customer" value={form.q} onInput={set('q')} />
        </label>
        <label>
          Stage
          <select name="stage" value={form.stage} onChange={set('stage')}>
            <option value="">Any</option>
            {STAGES.map((s) => (
              <option value={s}>{stageLabel(s)}</option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select name="kind" value={form.kind} onChange={set('kind')}>
            <option value="">Orders and quotes</option>
            <option value="order">Orders</option>
            <option value="quote">Quotes</option>
          </select>
        </label>
        <label>
          From
          <input name="from" type="date" value={form.from} onInput={set('from')} />
        </label>
        <label>
          To
          <input name="to" type="date" value={form.to} onInput={set('to')} />
        </label>
        <div class="actions">
          <button type="submit">Search</button>
          <a href={href(['orders'])}>Clear</a>
        </div>
      </form>
      {page.error && (
        <p class="error" role="alert">
          {page.error}
        </p>
      )}
      {page.loading && !page.data ? (
        <p>Loading…</p>
      ) : orders.length === 0 ? (
        <p>No orders match.</p>
      ) : (
        <CardTable
          label="Orders"
          rows={orders}
          rowKey={(o) => o.id}
          columns={[
            {
              label: 'Number',
              cell: (o) => (
                <>
                  <a href={href(['orders', o.id])}>{o.number}</a>
                  {o.kind === 'quote' && <span class="hint"> (quote)</span>}
                  {o.zohoNumber && o.zohoNumber !== o.number && <div class="hint">Zoho {o.zohoNumber}</div>}
                </>
              ),
            },
            { label: 'Customer', cell: (o) => o.customerName },
            { label: 'Rep', cell: (o) => o.rep?.name ?? '—' },
            { label: 'Stage', cell: (o) => <StageBadge stage={o.stage} /> },
            { label: 'Total', class: 'num', cell: (o) => money(o.total) },
            { label: 'Created', cell: (o) => dateTime(o.createdAt) },
          ]}
        />
      )}
      {cursor && (
        <p>
          <button type="button" class="secondary" onClick={loadMore}>
            Show older orders
          </button>
        </p>
      )}
      {moreError && (
        <p class="error" role="alert">
          {moreError}
        </p>
      )}
    </section>
  );
}

function OrderPage({ id, user }: ScreenProps & { id: string }) {
  // While the workflow is moving, follow it.
  const order = useLoad(
    () => request<{ order: OrderDetail }>(`/api/orders/${encodeURIComponent(id)}`).then((r) => r.order),
    [id],
    (o) => (isFinal(o.stage) ? undefined : 3000),
  );
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [cancelReason, setCancelReason] = useState('');

  const act = async (what: 'retry' | 'cancel' | 'approve') => {
    setBusy(true);
    setMessage(undefined);
    try {
      await request(`/api/orders/${encodeURIComponent(id)}/${what}`, { method: 'POST', json: what === 'cancel' ? { reason: cancelReason || undefined } : {} });
      setMessage({ text: DONE[what] });
      order.reload();
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  const o = order.data;
  if (!o)
    return order.error ? (
      <p class="error" role="alert">
        {order.error}
      </p>
    ) : (
      <p>Loading…</p>
    );
  const reached = new Set(o.timeline.map((t) => t.stage));
  const pending = o.stage === 'cancelled' ? [] : MAIN_LINE.filter((s) => !reached.has(s) && s !== 'on_device');
  const finished = o.stage === 'done' || o.stage === 'cancelled';

  return (
    <section>
      <p>
        <a href={href(['orders'])}>← All orders</a>
      </p>
      <h1>
        {o.kind === 'quote' ? 'Quote' : 'Order'} {o.number}
      </h1>
      <div class="panel">
        <dl class="facts">
          <dt>Stage</dt>
          <dd>
            <StageBadge stage={o.stage} />
          </dd>
          <dt>Customer</dt>
          <dd>{o.customerName}</dd>
          {o.rep !== undefined && (
            <>
              <dt>Rep</dt>
              <dd>{o.rep?.name ?? '—'}</dd>
            </>
          )}
          <dt>Total</dt>
          <dd>{money(o.total)}</dd>
          <dt>Zoho document</dt>
          <dd data-testid="zoho-number">{o.zohoNumber ?? 'not in Zoho yet'}</dd>
          <dt>Workflow</dt>
          <dd>
            <a href={o.workflowUrl} target="_blank" rel="noopener noreferrer">
              {o.workflowId}
            </a>{' '}
            <span class="hint">(Temporal Web UI)</span>
          </dd>
          <dt>Created</dt>
          <dd>{dateTime(o.createdAt)}</dd>
        </dl>
      </div>

      {o.stage === 'needs_attention' && (
        <div class="panel notice" role="alert">
          <h2>Needs attention</h2>
          <p data-testid="attention-reason">{o.attentionReason ?? 'No reason was recorded.'}</p>
          {isAwaitingApproval(o.attentionReason) ? (
            <p class="hint">The order rules need a support or admin approval for this. Approve to send it on, or cancel it below.</p>
          ) : (
            <p class="hint">Fix the cause (in Zoho, or the order's customer or items), then retry: the workflow tries the failed step again.</p>
          )}
          <div class="actions">
            {isAwaitingApproval(o.attentionReason) && user.role !== 'rep' && (
              <button type="button" onClick={() => act('approve')} disabled={busy}>
                Approve
              </button>
            )}
            <button type="button" class={isAwaitingApproval(o.attentionReason) ? 'secondary' : undefined} onClick={() => act('retry')} disabled={busy}>
              Retry
            </button>
          </div>
        </div>
      )}
      {o.stage !== 'needs_attention' && o.pending && o.pending.some((p) => p.attempt > 1 || p.lastFailure) && (
        <div class="panel" data-testid="pending-steps">
          <h2>Retrying</h2>
          <p class="hint">
            The workflow keeps trying on its own (Zoho unreachable, rate-limited or out of its daily quota); nothing needs doing unless it goes on for long.
          </p>
          <ul>
            {o.pending.map((p) => (
              <li key={p.step}>
                <strong>{p.step}</strong>, attempt {p.attempt}
                {p.lastFailure && <>: {p.lastFailure}</>}
                {p.nextAttemptAt && <span class="hint"> · next try {dateTime(p.nextAttemptAt)}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {message && (
        <p class={message.error ? 'error' : 'ok'} role="status">
          {message.text}
        </p>
      )}

      <h2>Timeline</h2>
      <ol class="timeline">
        {o.timeline.map((t) => (
          <li class={t.stage}>
            <strong>{stageLabel(t.stage)}</strong> <span class="hint">{dateTime(t.at)}</span>
            {t.note && <div>{t.note}</div>}
          </li>
        ))}
        {pending.map((s) => (
          <li class="pending">{stageLabel(s)}</li>
        ))}
      </ol>

      {o.document && (
        <>
          <h2>As sent</h2>
          <CardTable
            label="Lines"
            rows={o.document.lines}
            columns={[
              {
                label: 'Item',
                cell: (l) => (
                  <>
                    {l.name}
                    {l.sku && <span class="hint"> {l.sku}</span>}
                  </>
                ),
              },
              {
                label: 'Quantity',
                class: 'num',
                cell: (l) => (
                  <>
                    {l.quantity} {l.unit ?? ''}
                  </>
                ),
              },
              { label: 'Unit price', class: 'num', cell: (l) => money({ amount: l.unitPrice, currency: o.total.currency }) },
            ]}
          />
          {o.document.notes && <p>Notes: {o.document.notes}</p>}
        </>
      )}

      {!finished && user.role !== 'rep' && (
        <details class="panel">
          <summary>Cancel this {o.kind}</summary>
          <p class="hint">A sales order already in Zoho is voided there.</p>
          <label>
            Reason
            <input value={cancelReason} maxLength={500} onInput={(e) => setCancelReason(e.currentTarget.value)} />
          </label>
          <p>
            <button type="button" class="danger" onClick={() => act('cancel')} disabled={busy}>
              Cancel {o.kind}
            </button>
          </p>
        </details>
      )}
    </section>
  );
}
