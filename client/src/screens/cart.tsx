import { ProblemSummary } from '../components/problems';
import { lineTotals, orderTotals } from '../domain';
import { money } from '../format';
import { useAsync } from '../hooks';
import { currencyFor, priceLines } from '../order/build';
import { parseQuantity } from '../order/checks';
import { draft, forgetQuote, removeLine, setQuantity, updateDraft } from '../order/draft-store';
import { useCreateDocument } from '../order/use-create-document';
import { useObservable } from '../observable';
import { go, href } from '../router';
import { getCustomer } from '../store/dataset';

/** The draft order: review, change quantities, then Create Order (or Next for the details). */
export function Cart() {
  const d = useObservable(draft);
  const { problems, busy, create } = useCreateDocument();
  const customer = useAsync(() => (d.customerId ? getCustomer(d.customerId) : Promise.resolve(undefined)), [d.customerId]);
  const priced = useAsync(async () => ({ ...(await priceLines(d, customer)), currency: await currencyFor(customer) }), [d, customer]);
  const noun = d.kind === 'quote' ? 'Quote' : 'Order';

  const totals = priced && orderTotals({ currency: priced.currency, lines: priced.lines.filter((l) => l.quantity > 0) });

  return (
    <main id="main" class="screen">
      <div class="screen-head">
        <h2 tabIndex={-1}>Draft {noun.toLowerCase()}</h2>
        <div class="segmented" role="group" aria-label="Document type">
          {(['order', 'quote'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={d.kind === k} onClick={() => updateDraft((x) => ({ ...x, kind: k }))}>
              {k === 'order' ? 'Order' : 'Quote'}
            </button>
          ))}
        </div>
      </div>
      <p class="for-customer">
        {customer ? (
          <>
            For <strong>{customer.name}</strong> · <a href={href({ name: 'customers' })}>change</a>
          </>
        ) : (
          <a href={href({ name: 'customers' })}>Choose a customer</a>
        )}
      </p>
      {d.fromQuote && d.kind === 'order' && (
        <p class="muted" data-testid="from-quote">
          Made from quote {d.fromQuote.number}: Zoho links the order to it ·{' '}
          <button type="button" class="link-button" onClick={forgetQuote}>
            unlink
          </button>
        </p>
      )}
      <ProblemSummary problems={problems} names={new Map(priced?.lines.map((l) => [l.itemId, l.name]))} />
      {d.lines.length === 0 ? (
        <p class="empty">
          The cart is empty. <a href={href({ name: 'products' })}>Add products</a>
        </p>
      ) : (
        <ul class="list cart-lines" data-testid="cart-lines">
          {d.lines.map((line) => {
            const priceLine = priced?.lines.find((l) => l.itemId === line.itemId);
            const q = parseQuantity(line.quantity);
            const problem = problems?.quantity[line.itemId] ?? ('problem' in q && line.quantity !== '' ? q.problem : undefined);
            const inputId = `qty-${line.itemId}`;
            return (
              <li key={line.itemId} class="row cart-line" data-item-id={line.itemId}>
                <div class="row-main static">
                  <span class="row-title">{priceLine?.name ?? line.itemId}</span>
                  {priceLine && priced && <span class="row-sub">{money({ amount: priceLine.unitPrice, currency: priced.currency })} each</span>}
                </div>
                <div class="qty">
                  <label for={inputId} class="visually-hidden">
                    Quantity of {priceLine?.name ?? 'this product'}
                  </label>
                  <input
                    id={inputId}
                    name="quantity"
                    inputMode="decimal"
                    value={line.quantity}
                    aria-invalid={problem ? 'true' : undefined}
                    aria-describedby={problem ? `${inputId}-error` : undefined}
                    onInput={(e) => setQuantity(line.itemId, e.currentTarget.value)}
                  />
                  {problem && (
                    <span class="field-error" id={`${inputId}-error`}>
                      {problem}
                    </span>
                  )}
                </div>
                <span class="line-total">
                  {priceLine && priced && 'value' in q ? money({ amount: lineTotals(priceLine).net, currency: priced.currency }) : '—'}
                </span>
                <button type="button" class="icon-button remove" aria-label={`Remove ${priceLine?.name ?? 'line'}`} onClick={() => removeLine(line.itemId)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {totals && d.lines.length > 0 && (
        <dl class="totals" data-testid="totals">
          <dt>Net</dt>
          <dd>{money(totals.net)}</dd>
          <dt>Tax</dt>
          <dd>{money(totals.tax)}</dd>
          <dt>Total</dt>
          <dd class="grand">{money(totals.gross)}</dd>
        </dl>
      )}
      <div class="actions">
        <button type="button" class="button button-quiet" onClick={() => go({ name: 'details' })} disabled={d.lines.length === 0}>
          Next
        </button>
        <button type="button" class="button" onClick={create} disabled={busy}>
          Create {noun}
        </button>
      </div>
    </main>
  );
}
