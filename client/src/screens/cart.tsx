import { DiscountInput } from '../components/discount-input';
import { PreflightNotice } from '../components/preflight';
import { ProblemSummary } from '../components/problems';
import { documentTotals, lineTotals, orderDocument, orderTotals } from '../domain';
import { money } from '../format';
import { useAsync } from '../hooks';
import { currencyFor, discountProblems, orderMoney, priceLines } from '../order/build';
import { parseDiscount, parseQuantity, type DraftProblems } from '../order/checks';
import { draft, forgetQuote, removeLine, setDiscountBeforeTax, setLineDiscount, setOrderDiscount, setQuantity, updateDraft } from '../order/draft-store';
import { useCreateDocument } from '../order/use-create-document';
import { useObservable } from '../observable';
import { go, href } from '../router';
import { getCustomer } from '../store/dataset';

/**
 * The draft order: review, change quantities and discounts, then Create Order (or Next for the
 * details). The totals are those of the order the draft makes (build.ts orderMoney): its lines
 * with their discounts, the order discount and the fees, as the order will be sent.
 */
export function Cart() {
  const d = useObservable(draft);
  const { problems, preflight, busy, create, sendAnyway, dismiss } = useCreateDocument();
  const customer = useAsync(() => (d.customerId ? getCustomer(d.customerId) : Promise.resolve(undefined)), [d.customerId]);
  const priced = useAsync(async () => ({ ...(await priceLines(d, customer)), currency: await currencyFor(customer) }), [d, customer]);
  const noun = d.kind === 'quote' ? 'Quote' : 'Order';
  const currency = priced?.currency ?? 'USD';

  const orderParts =
    priced &&
    orderMoney(
      d,
      priced.lines.filter((l) => l.quantity > 0),
      currency,
      customer?.taxExempt,
    );
  const totals = orderParts && orderTotals(orderParts);
  // Each line's tax as the order will be charged it (an order discount before tax shrinks it).
  const lineTax = new Map(orderParts ? documentTotals(orderDocument(orderParts)).lines.map((t, i) => [orderParts.lines[i]!.itemId, t]) : []);
  // What is wrong with the discounts as the rep types: the same checks Create runs, so the field's error is never a stale one.
  const live: DraftProblems = { quantity: {}, discount: {}, fees: {} };
  for (const line of d.lines) {
    const p = parseDiscount(line.discount, currency);
    if ('problem' in p) live.discount[line.itemId] = p.problem;
  }
  const typedOrderDiscount = parseDiscount(d.discount, currency);
  if ('problem' in typedOrderDiscount) live.orderDiscount = typedOrderDiscount.problem;
  if (orderParts) discountProblems(orderParts, live);
  const linesDiscounted = orderParts?.lines.some((l) => l.discountPercent || l.discountAmount) ?? false;
  const beforeTax = d.discountBeforeTax ?? true;
  const taxProblem = live.discountBeforeTax;
  const orderDiscountProblem = live.orderDiscount;

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
      <PreflightNotice preflight={preflight} busy={busy} onSendAnyway={() => void sendAnyway()} onDismiss={dismiss} />
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
            const taxed = lineTax.get(line.itemId);
            const discounted = orderParts?.lines.find((l) => l.itemId === line.itemId);
            const discountProblem = live.discount[line.itemId];
            return (
              <li key={line.itemId} class="row cart-line" data-item-id={line.itemId}>
                <div class="row-main static">
                  <span class="row-title">{priceLine?.name ?? line.itemId}</span>
                  {priceLine && priced && (
                    <span class="row-sub">
                      {money({ amount: priceLine.unitPrice, currency })} each
                      {taxed && taxed.taxAmount > 0 && <span data-testid="line-tax"> · tax {money({ amount: taxed.taxAmount, currency })}</span>}
                    </span>
                  )}
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
                <span class="line-total">{discounted && 'value' in q ? money({ amount: lineTotals(discounted).net, currency }) : '—'}</span>
                <button type="button" class="icon-button remove" aria-label={`Remove ${priceLine?.name ?? 'line'}`} onClick={() => removeLine(line.itemId)}>
                  ×
                </button>
                <DiscountInput
                  id={`discount-${line.itemId}`}
                  label={
                    <>
                      Discount<span class="visually-hidden"> on {priceLine?.name ?? 'this product'}</span>
                    </>
                  }
                  value={line.discount}
                  currency={currency}
                  problem={discountProblem}
                  onChange={(change) => setLineDiscount(line.itemId, change)}
                />
              </li>
            );
          })}
        </ul>
      )}
      {d.lines.length > 0 && (
        <fieldset class="order-discount" data-testid="order-discount">
          <legend>Order discount</legend>
          <DiscountInput
            id="order-discount"
            label="Discount on the order"
            value={d.discount}
            currency={currency}
            problem={orderDiscountProblem}
            onChange={setOrderDiscount}
          />
          <div
            class="discount-when"
            role="radiogroup"
            aria-label="The order discount comes off"
            aria-describedby={taxProblem ? 'discount-when-error' : undefined}
          >
            <label>
              <input type="radio" name="discountBeforeTax" value="before" checked={beforeTax} onChange={() => setDiscountBeforeTax(true)} />
              Before tax
            </label>
            <label>
              <input
                type="radio"
                name="discountBeforeTax"
                value="after"
                checked={!beforeTax}
                disabled={linesDiscounted && beforeTax}
                aria-describedby={linesDiscounted ? 'after-tax-note' : undefined}
                aria-invalid={taxProblem ? 'true' : undefined}
                onChange={() => setDiscountBeforeTax(false)}
              />
              After tax
            </label>
          </div>
          {linesDiscounted && (
            <p class="muted" id="after-tax-note">
              After tax is not possible while lines have their own discount: Zoho takes one discount level per order.
            </p>
          )}
          {taxProblem && (
            <span class="field-error" id="discount-when-error">
              {taxProblem}
            </span>
          )}
        </fieldset>
      )}
      {totals && d.lines.length > 0 && (
        <dl class="totals" data-testid="totals">
          <dt>Net</dt>
          <dd data-testid="total-net">{money(totals.net)}</dd>
          {totals.discount.amount > 0 && (
            <>
              <dt>Discount</dt>
              <dd data-testid="total-discount">−{money(totals.discount)}</dd>
            </>
          )}
          <dt>Tax</dt>
          <dd data-testid="total-tax">{money(totals.tax)}</dd>
          {totals.fees.amount > 0 && (
            <>
              <dt>Fees</dt>
              <dd data-testid="total-fees">{money(totals.fees)}</dd>
            </>
          )}
          <dt>Total</dt>
          <dd class="grand" data-testid="total" data-amount={totals.gross.amount} data-currency={totals.currency}>
            {money(totals.gross)}
          </dd>
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
