import { useEffect, useState } from 'preact/hooks';
import { getOrderDocument, type OrderSummary } from '../api';
import { DocList } from '../components/doc-list';
import { documentNumber, type Order } from '../domain';
import { money, when } from '../format';
import { useAsync, useOnline, useOutbox } from '../hooks';
import { chooseCustomer, orderFromQuote, replaceLines } from '../order/draft-store';
import { hubStatus } from '../outbox/status';
import { go } from '../router';
import { getCustomer, loadMeta, type CustomerView } from '../store/dataset';
import { deviceIdsOf } from '../store/device-customers';
import { cachedHistory, refreshHistory, type OfficeHistory } from '../store/order-history';
import { isDocument, type OutboxEntry } from '../store/outbox';
import { checkEdit, editNote, shownContact } from '../customer/contact-edits';
import { enqueue } from '../outbox/client';
import { newId } from '../order/build';

/** One customer: contact details, its documents on this device and at the office, with re-order. */
export function CustomerDetail({ id }: { id: string }) {
  // A customer made on this device and since synced from Zoho answers with its Zoho id: its
  // history is the Zoho contact's plus the device customer's. Both are read together, so the
  // office history is asked for once, under the right id.
  const loaded = useAsync(async () => {
    const found = await getCustomer(id);
    const key = found?.id ?? id;
    return { customer: found, key, ids: [...new Set([key, id, ...(await deviceIdsOf(key))])] };
  }, [id]);
  const customer = loaded?.customer;
  const key = loaded?.key ?? id;
  const ids = loaded?.ids;
  const outbox = useOutbox();
  const entries = outbox?.filter((e) => ids?.includes(e.customerId) && isDocument(e));
  const reorder = (order: Order) => {
    chooseCustomer(key);
    // Same products and quantities; prices are the customer's current ones.
    replaceLines(
      order.lines.map((l) => ({ itemId: l.itemId, quantity: String(l.quantity) })),
      order.kind,
    );
    go({ name: 'cart' });
  };
  const convert = (quote: Order) => {
    chooseCustomer(key);
    orderFromQuote(
      { id: quote.id, number: documentNumber('quote', quote.id) },
      quote.lines.map((l) => ({ itemId: l.itemId, quantity: String(l.quantity) })),
    );
    go({ name: 'cart' });
  };
  if (!loaded || !customer)
    return (
      <main id="main" class="screen">
        <h2 tabIndex={-1}>Customer</h2>
        <p class="empty">Loading…</p>
      </main>
    );
  const a = customer.billingAddress;
  const edits = outbox?.filter((e) => e.kind === 'customer-edit' && e.customerId === key) ?? [];
  return (
    <main id="main" class="screen">
      <div class="screen-head">
        <h2 tabIndex={-1}>{customer.name}</h2>
        <button
          type="button"
          class="button button-small"
          onClick={() => {
            chooseCustomer(key);
            go({ name: 'products' });
          }}
        >
          New order
        </button>
      </div>
      <p class="muted">
        {[customer.company, customer.device && customer.email, customer.device && customer.phone, a && [a.address, a.city, a.zip].filter(Boolean).join(', ')]
          .filter(Boolean)
          .join(' · ')}
        {customer.device && ' · created on this device'}
      </p>
      {!customer.device && <ContactDetails customer={customer} edits={edits} />}
      <CustomerAccount customer={customer} />
      <h3>Order history</h3>
      {entries ? <DocList entries={entries} onReorder={reorder} onConvert={convert} /> : <p class="empty">Loading…</p>}
      {ids && entries && (
        <OfficeOrders customerId={key} alsoIds={ids.filter((x) => x !== key)} onDevice={new Set(entries.map((e) => e.id))} onReorder={reorder} />
      )}
    </main>
  );
}

/**
 * The customer's email and phone, changeable offline: a change goes through the outbox to the hub,
 * which writes it to Zoho once; until then it shows as pending, then saved (or why Zoho kept its own).
 */
function ContactDetails({ customer, edits }: { customer: CustomerView; edits: OutboxEntry[] }) {
  const shown = shownContact(customer, edits);
  const note = editNote(edits);
  const [form, setForm] = useState<{ email: string; phone: string; problems: Partial<Record<'email' | 'phone' | 'form', string>> }>();
  const save = async () => {
    if (!form) return;
    const checked = checkEdit(customer.id, shown, form);
    if ('problems' in checked) return setForm({ ...form, problems: checked.problems });
    const createdAt = new Date().toISOString();
    const id = newId();
    await enqueue({ id, kind: 'customer-edit', body: { ...checked.edit, id, createdAt }, customerId: customer.id, customerName: customer.name, createdAt });
    setForm(undefined);
  };
  const pending = (f: 'email' | 'phone') => shown.pending[f] && <span class="muted"> (not in Zoho yet)</span>;
  return (
    <section aria-labelledby="contact-title">
      <h3 id="contact-title">Email and phone</h3>
      {!form ? (
        <>
          <dl class="facts" data-testid="customer-contact">
            <div>
              <dt>Email</dt>
              <dd>
                {shown.email ? <a href={`mailto:${shown.email}`}>{shown.email}</a> : 'None'}
                {pending('email')}
              </dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>
                {shown.phone ? <a href={`tel:${shown.phone}`}>{shown.phone}</a> : 'None'}
                {pending('phone')}
              </dd>
            </div>
          </dl>
          {note && (
            <p class={`status status-${note.tone}`} role="status" data-testid="contact-edit-status">
              {note.text}
            </p>
          )}
          <button
            type="button"
            class="button button-small button-quiet"
            onClick={() => setForm({ email: shown.email ?? '', phone: shown.phone ?? '', problems: {} })}
          >
            Change email or phone
          </button>
        </>
      ) : (
        <form class="form" noValidate onSubmit={(e) => (e.preventDefault(), void save())}>
          {form.problems.form && (
            <p class="field-error" role="alert">
              {form.problems.form}
            </p>
          )}
          <label>
            Email
            <input
              type="email"
              name="customerEmail"
              autocomplete="email"
              value={form.email}
              aria-invalid={form.problems.email ? 'true' : undefined}
              aria-describedby={form.problems.email ? 'customer-email-error' : undefined}
              onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
            />
            {form.problems.email && (
              <span class="field-error" id="customer-email-error">
                {form.problems.email}
              </span>
            )}
          </label>
          <label>
            Phone
            <input
              type="tel"
              name="customerPhone"
              autocomplete="tel"
              value={form.phone}
              aria-invalid={form.problems.phone ? 'true' : undefined}
              aria-describedby={form.problems.phone ? 'customer-phone-error' : undefined}
              onInput={(e) => setForm({ ...form, phone: e.currentTarget.value })}
            />
            {form.problems.phone && (
              <span class="field-error" id="customer-phone-error">
                {form.problems.phone}
              </span>
            )}
          </label>
          <div class="actions">
            <button type="button" class="button button-quiet" onClick={() => setForm(undefined)}>
              Cancel
            </button>
            <button type="submit" class="button">
              Save
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Terms, credit and standing as Zoho has them, and the people to ask for (only what the data set holds). */
function CustomerAccount({ customer }: { customer: CustomerView }) {
  const meta = useAsync(() => loadMeta(), []);
  const currency = customer.currency ?? 'USD';
  const m = (amount: number) => money({ amount, currency });
  const rows: Array<[string, string]> = [];
  if (customer.active === false) rows.push(['Status', 'Inactive in Zoho: no orders can be taken']);
  else if (customer.onHold) rows.push(['Status', 'On hold: the office must release it before orders go out']);
  if (customer.paymentTerms !== undefined) rows.push(['Payment terms', customer.paymentTerms === 0 ? 'Due on receipt' : `Net ${customer.paymentTerms} days`]);
  const salesperson = customer.salespersonId && meta?.settings?.salespersons?.find((p) => p.id === customer.salespersonId);
  if (salesperson) rows.push(['Salesperson', salesperson.name]);
  if (customer.creditLimit) rows.push(['Credit limit', m(customer.creditLimit)]);
  if (customer.outstanding !== undefined) rows.push(['Outstanding', m(customer.outstanding)]);
  if (customer.creditLimit && customer.outstanding !== undefined) rows.push(['Credit left', m(Math.max(0, customer.creditLimit - customer.outstanding))]);
  const people = customer.contactPersons ?? [];
  if (!rows.length && !people.length) return null;
  return (
    <section aria-labelledby="account-title">
      <h3 id="account-title">Account</h3>
      {rows.length > 0 && (
        <dl class="facts" data-testid="customer-account">
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {people.length > 0 && (
        <ul class="list people" aria-label="Contact persons">
          {people.map((p, i) => (
            <li key={p.id ?? i} class="row static">
              <span class="row-title">
                {[p.firstName, p.lastName].filter(Boolean).join(' ') || p.email}
                {p.primary && <span class="muted"> · primary</span>}
              </span>
              <span class="row-sub">
                {p.email && <a href={`mailto:${p.email}`}>{p.email}</a>}
                {p.phone && <a href={`tel:${p.phone}`}>{p.phone}</a>}
                {p.mobile && p.mobile !== p.phone && <a href={`tel:${p.mobile}`}>{p.mobile}</a>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Documents the office has for this customer that this device did not make. */
function OfficeOrders({
  customerId,
  alsoIds,
  onDevice,
  onReorder,
}: {
  customerId: string;
  alsoIds: string[];
  onDevice: Set<string>;
  onReorder: (order: Order) => void;
}) {
  const online = useOnline();
  const [history, setHistory] = useState<OfficeHistory>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let live = true;
    void cachedHistory(customerId).then((h) => live && h && setHistory(h));
    if (online) {
      refreshHistory(customerId, alsoIds).then(
        (h) => live && (setHistory(h), setProblem(undefined)),
        (err: Error) => live && setProblem(err.message),
      );
    }
    return () => {
      live = false;
    };
    // The ids' contents, not the array (a new array each render), decide when to fetch again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- alsoIds is read through its joined key
  }, [customerId, alsoIds.join(','), online]);
  const others = history?.orders.filter((o) => !onDevice.has(o.id)) ?? [];
  const reorder = async (o: OrderSummary) => {
    try {
      onReorder(await getOrderDocument(o.id));
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  if (!history && !problem) return null;
  return (
    <section aria-label="From the office">
      <h3>From the office</h3>
      {problem && (
        <p class="muted">
          {history ? `Showing the list from ${when(history.fetchedAt)}: ` : ''}
          {problem}
        </p>
      )}
      {history && others.length === 0 && <p class="empty">No other documents.</p>}
      {others.length > 0 && (
        <ul class="list docs" data-testid="office-list">
          {others.map((o) => {
            const s = hubStatus(o.kind, { stage: o.stage, number: o.number, zohoNumber: o.zohoNumber, attentionReason: o.attentionReason });
            return (
              <li key={o.id} class="row doc" data-doc-id={o.id} data-kind={o.kind} data-status={s.tone}>
                <div class="row-main static">
                  <span class="row-title">
                    <span class="tag">{o.kind === 'quote' ? 'Quote' : 'Order'}</span> {o.number}
                  </span>
                  <span class="row-sub">
                    <time dateTime={o.createdAt}>{when(o.createdAt)}</time>
                  </span>
                  <span class={`status status-${s.tone}`}>
                    <strong>{s.label}</strong>
                    {s.detail && <span> · {s.detail}</span>}
                  </span>
                </div>
                <div class="row-end">
                  <span class="price">{money(o.total)}</span>
                  <button type="button" class="button button-small button-quiet" disabled={!online} onClick={() => void reorder(o)}>
                    Re-order
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
