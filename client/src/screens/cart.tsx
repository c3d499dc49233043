import { DiscountInput } from '../components/discount-input';
import { EditingNotice } from '../components/editing-notice';
import { PreflightNotice } from '../components/preflight';
import { ProblemSummary } from '../components/problems';
import { documentTotals, lineTotals, orderDocument, orderTotals } from '../domain';
import { money } from '../format';
import { Component } from 'preact';
import { useMemo } from 'preact/hooks';
import { useAsync } from '../hooks';
import { currencyFor, discountProblems, orderMoney, priceLines, taxTermsOf } from '../order/build';
import { parseDiscount, parseQuantity, type DraftProblems } from '../order/checks';
import type { DraftLine } from '../order/draft';
import { draft, forgetQuote, removeLine, setDiscountBeforeTax, setLineDiscount, setOrderDiscount, setQuantity, updateDraft } from '../order/draft-store';
import { useCreateDocument } from '../order/use-create-document';
import { useObservable } from '../observable';
import { go, href } from '../router';
import { getCustomer, loadMeta } from '../store/dataset';

interface CartRowProps {
  itemId: string;
  /** As typed. */
  quantity: string;
  discount: DraftLine['discount'];
  name?: string;
  /** Formatted already: the row compares its props, and unchanged strings skip its render. */
  unitPrice?: string;
  tax?: string;
  total?: string;
  problem?: string;
  discountProblem?: string;
  currency: string;
}

/**
 * One line of the cart. Memoised on plain values: a keystroke in one line of a 200-line cart
 * renders that line (and the lines whose figures moved), not all of them (bench/client-bench.ts).
 */
class CartRow extends Component<CartRowProps> {
  // preact/compat's memo would add 2.5 KB to the shell for this one comparison.
  override shouldComponentUpdate(next: CartRowProps): boolean {
    return (Object.keys(next) as Array<keyof CartRowProps>).some((k) => next[k] !== this.props[k]);
  }

  override render() {
    return cartRow(this.props);
  }
}

function cartRow({ itemId, quantity, discount, name, unitPrice, tax, total, problem, discountProblem, currency }: CartRowProps) {
  const inputId = `qty-${itemId}`;
  return (
    <li class="row cart-line" data-item-id={itemId}>
      <div class="row-main static">
        <span class="row-title">{name ?? itemId}</span>
        {unitPrice && (
          <span class="row-sub">
            {unitPrice} each
            {tax && <span data-testid="line-tax"> · tax {tax}</span>}
          </span>
        )}
      </div>
      <div class="qty">
        <label for={inputId} class="visually-hidden">
          Quantity of {name ?? 'this product'}
        </label>
        <input
          id={inputId}
          name="quantity"
          inputMode="decimal"
          value={quantity}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? `${inputId}-error` : undefined}
          onInput={(e) => setQuantity(itemId, e.currentTarget.value)}
        />
        {problem && (
          <span class="field-error" id={`${inputId}-error`}>
            {problem}
          </span>
        )}
      </div>
      <span class="line-total">{total ?? '—'}</span>
      <button type="button" class="icon-button remove" aria-label={`Remove ${name ?? 'line'}`} onClick={() => removeLine(itemId)}>
        ×
      </button>
      <DiscountInput
        id={`discount-${itemId}`}
        label={
          <>
            Discount<span class="visually-hidden"> on {name ?? 'this product'}</span>
          </>
        }
        value={discount}
        currency={currency}
        problem={discountProblem}
        onChange={(change) => setLineDiscount(itemId, change)}
      />
    </li>
  );
}

/**
 * The draft order: review, change quantities and discounts, then Create Order (or Next for the
 * details). The totals are those of the order the draft makes (build.ts orderMoney): its lines
 * with their discounts, the order discount and the fees, as the order will be sent.
 */
export function Cart() {
  const d = useObservable(draft);
  const { problems, preflight, busy, create, sendAnyway, dismiss } = useCreateDocument();
  const customer = useAsync(() => (d.customerId ? getCustomer(d.customerId) : Promise.resolve(undefined)), [d.customerId]);
  const priced = useAsync(
    async () => ({ ...(await priceLines(d, customer)), currency: await currencyFor(customer), terms: taxTermsOf((await loadMeta()).settings) }),
    [d, customer],
  );
  const noun = d.kind === 'quote' ? 'Quote' : 'Order';
  const currency = priced?.currency ?? 'USD';

  // The money of the order, worked out once per priced draft: a quantity keystroke renders twice
  // (the new text at once, the new prices when they come), and only the second has new figures.
  const moneyKey = JSON.stringify([d.lines.map((l) => l.discount), d.discount, d.discountBeforeTax, d.details.fees]);
  const figures = useMemo(() => {
    if (!priced) return undefined;
    const parts = orderMoney(
      d,
      priced.lines.filter((l) => l.quantity > 0),
      currency,
      customer?.taxExempt,
      priced.terms,
    );
    // Each line's tax as the order will be charged it (an order discount before tax shrinks it).
    const doc = documentTotals(orderDocument(parts));
    const lineTax = new Map(doc.lines.map((t, i) => [parts.lines[i]!.itemId, t]));
    // What each line shows: its amount after its own discount (tax included when the prices include it, as Zoho shows it).
    const lineNet = new Map(parts.lines.map((l) => [l.itemId, lineTotals(l, parts).itemTotal]));
    // The domain's discount rules on it (a discount above its line, after tax beside line discounts).
    const ruled: DraftProblems = { quantity: {}, discount: {}, fees: {} };
    discountProblems(parts, ruled);
    return { parts, lineTax, lineNet, ruled, totals: orderTotals(parts), names: new Map(priced.lines.map((l) => [l.itemId, l])) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's money parts are in moneyKey; quantities come with priced
  }, [priced, moneyKey, currency, customer]);
  const orderParts = figures?.parts;
  const totals = figures?.totals;
  const lineTax = figures?.lineTax ?? new Map<string, ReturnType<typeof documentTotals>['lines'][number]>();
  // What is wrong with the discounts as the rep types: the same checks Create runs, so the field's error is never a stale one.
  const live: DraftProblems = { quantity: {}, discount: {}, fees: {} };
  for (const line of d.lines) {
    const p = parseDiscount(line.discount, currency);
    if ('problem' in p) live.discount[line.itemId] = p.problem;
  }
  const typedOrderDiscount = parseDiscount(d.discount, currency);
  if ('problem' in typedOrderDiscount) live.orderDiscount = typedOrderDiscount.problem;
  if (figures) {
    for (const [id, problem] of Object.entries(figures.ruled.discount)) live.discount[id] ??= problem;
    live.orderDiscount ??= figures.ruled.orderDiscount;
    live.discountBeforeTax ??= figures.ruled.discountBeforeTax;
  }
  const linesDiscounted = orderParts?.lines.some((l) => l.discountPercent || l.discountAmount) ?? false;
  const beforeTax = d.discountBeforeTax ?? true;
  const taxProblem = live.discountBeforeTax;
  const orderDiscountProblem = live.orderDiscount;

  return (
    <main id="main" class="screen">
      <div class="screen-head">
        <h2 tabIndex={-1}>
          {d.editing ? 'Change' : 'Draft'} {noun.toLowerCase()}
        </h2>
        {!d.editing && (
          <div class="segmented" role="group" aria-label="Document type">
            {(['order', 'quote'] as const).map((k) => (
              <button key={k} type="button" aria-pressed={d.kind === k} onClick={() => updateDraft((x) => ({ ...x, kind: k }))}>
                {k === 'order' ? 'Order' : 'Quote'}
              </button>
            ))}
          </div>
        )}
      </div>
      <EditingNotice editing={d.editing} />
      <p class="for-customer">
        {customer ? (
          <>
            For <strong>{customer.name}</strong>
            {!d.editing && (
              <>
                {' '}
                · <a href={href({ name: 'customers' })}>change</a>
              </>
            )}
          </>
        ) : (
          <a href={href({ name: 'customers' })}>Choose a customer</a>
        )}
      </p>
      {d.fromQuote && d.kind === 'order' && (
        <p class="muted" data-testid="from-quote">
          Made from quote {d.fromQuote.number}: Zoho links the order to it
          {!d.editing && (
            <>
              {' '}
              ·{' '}
              <button type="button" class="link-button" onClick={forgetQuote}>
                unlink
              </button>
            </>
          )}
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
            const priceLine = figures?.names.get(line.itemId);
            const q = parseQuantity(line.quantity);
            const lineNet = figures?.lineNet.get(line.itemId);
            return (
              <CartRow
                key={line.itemId}
                itemId={line.itemId}
                quantity={line.quantity}
                discount={line.discount}
                name={priceLine?.name}
                unitPrice={priceLine ? money({ amount: priceLine.unitPrice, currency }) : undefined}
                tax={(lineTax.get(line.itemId)?.taxAmount ?? 0) > 0 ? money({ amount: lineTax.get(line.itemId)!.taxAmount, currency }) : undefined}
                total={lineNet !== undefined && 'value' in q ? money({ amount: lineNet, currency }) : undefined}
                problem={problems?.quantity[line.itemId] ?? ('problem' in q && line.quantity !== '' ? q.problem : undefined)}
                discountProblem={live.discount[line.itemId]}
                currency={currency}
              />
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
          <dt>{totals.taxIncluded ? 'Tax included' : 'Tax'}</dt>
          <dd data-testid="total-tax" data-included={totals.taxIncluded ? 'true' : undefined}>
            {money(totals.tax)}
          </dd>
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
          {d.editing ? 'Save changes' : `Create ${noun}`}
        </button>
      </div>
    </main>
  );
}
