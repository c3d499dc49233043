import { useEffect } from 'preact/hooks';
import { EditingNotice } from '../components/editing-notice';
import { PreflightNotice } from '../components/preflight';
import { ProblemSummary } from '../components/problems';
import { SignaturePad } from '../components/signature-pad';
import { minorUnitDigits, orderTotals, toDecimal, type Address, type PublicUser } from '../domain';
import { money } from '../format';
import { useAsync } from '../hooks';
import { currencyFor, orderMoney, percentFee, priceLines, taxTermsOf } from '../order/build';
import { addressChoices, addressIdOf, isBlank, startingAddress } from '../order/delivery-address';
import { today } from '../order/checks';
import { draft, updateDetails } from '../order/draft-store';
import { useCreateDocument } from '../order/use-create-document';
import { useObservable } from '../observable';
import { go } from '../router';
import { getCustomer, loadMeta } from '../store/dataset';

const ADDRESS: Array<[keyof Address, string, string]> = [
  ['attention', 'Attention', 'name'],
  ['address', 'Street address', 'address-line1'],
  ['city', 'City', 'address-level2'],
  ['zip', 'Postcode', 'postal-code'],
  ['country', 'Country', 'country-name'],
];

/** Next: fees, payment, delivery, contact, sales rep, signature, notes; then Create Order. */
export function Details({ user }: { user: PublicUser }) {
  const d = useObservable(draft);
  const det = d.details;
  const { problems, preflight, busy, create, sendAnyway, dismiss } = useCreateDocument();
  const customer = useAsync(() => (d.customerId ? getCustomer(d.customerId) : Promise.resolve(undefined)), [d.customerId]);
  const meta = useAsync(() => loadMeta(), []);
  const priced = useAsync(async () => ({ ...(await priceLines(d, customer)), currency: await currencyFor(customer) }), [d.lines, customer]);
  const currency = priced?.currency ?? 'USD';
  const noun = d.kind === 'quote' ? 'Quote' : 'Order';

  // The customer's shipping address (else billing) and the rep as a start; the rep can change them.
  useEffect(() => {
    if (!customer) return;
    const change: Partial<typeof det> = {};
    const start = isBlank(det.deliveryAddress) ? startingAddress(customer) : undefined;
    if (start) change.deliveryAddress = start;
    if (!det.salesRep) change.salesRep = user.name;
    if (Object.keys(change).length) updateDetails(change);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customer]);

  // A percentage fee is on the lines after the discounts, as the cart totals them.
  const sent = priced?.lines.filter((l) => l.quantity > 0);
  const t = sent && orderTotals(orderMoney(d, sent, currency, customer?.taxExempt, taxTermsOf(meta?.settings)));
  const net = t ? t.net.amount - t.discount.amount : 0;
  const addFee = (name: string, amount?: number, percent?: number) => {
    const minor = amount ?? (percent !== undefined ? percentFee(net, percent) : 0);
    updateDetails({ fees: [...det.fees, { name, amount: minor ? toDecimal(minor, currency).toFixed(minorUnitDigits(currency)) : '' }] });
  };
  const setFee = (i: number, change: Partial<(typeof det.fees)[number]>) =>
    updateDetails({ fees: det.fees.map((f, j) => (j === i ? { ...f, ...change } : f)) });

  const choices = addressChoices(customer);
  const locations = [...(meta?.locations ?? new Map())].sort(([, a], [, b]) => Number(b.primary) - Number(a.primary) || a.name.localeCompare(b.name));
  const defaultLocation = meta?.settings?.defaults.locationId ?? locations.find(([, l]) => l.primary)?.[0] ?? '';
  const contacts = (customer?.contactPersons ?? []).map((p) => [p.firstName, p.lastName].filter(Boolean).join(' ')).filter(Boolean);
  const reps = meta?.settings?.salesReps.map((r) => r.name) ?? [];

  return (
    <main id="main" class="screen">
      <h2 tabIndex={-1}>{noun} details</h2>
      <p class="for-customer">
        {customer ? (
          <>
            For <strong>{customer.name}</strong>
          </>
        ) : (
          'No customer chosen'
        )}
      </p>
      <EditingNotice editing={d.editing} />
      <ProblemSummary problems={problems} />
      <PreflightNotice preflight={preflight} busy={busy} onSendAnyway={() => void sendAnyway()} onDismiss={dismiss} />
      <form class="form" onSubmit={(e) => (e.preventDefault(), void create())} noValidate>
        <fieldset>
          <legend>Fees</legend>
          {det.fees.map((fee, i) => (
            <div class="fee" key={i}>
              <label>
                Fee
                <input value={fee.name} onInput={(e) => setFee(i, { name: e.currentTarget.value })} />
              </label>
              <label>
                Amount ({currency})
                <input
                  inputMode="decimal"
                  value={fee.amount}
                  aria-invalid={problems?.fees[i] ? 'true' : undefined}
                  onInput={(e) => setFee(i, { amount: e.currentTarget.value })}
                />
                {problems?.fees[i] && <span class="field-error">{problems.fees[i]}</span>}
              </label>
              <button
                type="button"
                class="icon-button remove"
                aria-label={`Remove fee ${fee.name}`}
                onClick={() => updateDetails({ fees: det.fees.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </div>
          ))}
          <div class="chips">
            {meta?.settings?.fees.map((f) => (
              <button key={f.id} type="button" class="button button-small button-quiet" onClick={() => addFee(f.name, f.amount, f.percent)}>
                + {f.name}
                {f.amount !== undefined ? ` (${money({ amount: f.amount, currency })})` : f.percent !== undefined ? ` (${f.percent} %)` : ''}
              </button>
            ))}
            <button type="button" class="button button-small button-quiet" onClick={() => addFee('')}>
              + Other fee
            </button>
          </div>
        </fieldset>

        <label>
          Payment method
          {meta?.settings?.paymentMethods.length ? (
            <select name="paymentMethod" value={det.paymentMethod} onChange={(e) => updateDetails({ paymentMethod: e.currentTarget.value })}>
              <option value="">Not specified</option>
              {meta.settings.paymentMethods.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          ) : (
            <input name="paymentMethod" value={det.paymentMethod} onInput={(e) => updateDetails({ paymentMethod: e.currentTarget.value })} />
          )}
        </label>
        {customer?.paymentTermsLabel || customer?.paymentTerms !== undefined ? (
          <p class="muted" data-testid="payment-terms">
            Payment terms: {customer.paymentTermsLabel ?? `${customer.paymentTerms} days`} (the customer's terms in Zoho; printed on the order)
          </p>
        ) : null}

        {locations.length > 1 && (
          <label>
            Ship from
            <select
              name="locationId"
              value={det.locationId || defaultLocation}
              onChange={(e) => updateDetails({ locationId: e.currentTarget.value === defaultLocation ? '' : e.currentTarget.value })}
            >
              {locations.map(([id, l]) => (
                <option key={id} value={id}>
                  {l.name}
                  {id === defaultLocation ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}

        <fieldset>
          <legend>Delivery address</legend>
          {choices.length > 0 && (
            <label>
              Deliver to
              <select
                name="addressChoice"
                value={addressIdOf(det.deliveryAddress, choices) ?? ''}
                onChange={(e) => {
                  const picked = choices.find((c) => c.id === e.currentTarget.value);
                  if (picked) updateDetails({ deliveryAddress: picked.address });
                }}
              >
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
                <option value="">Another address (typed below)</option>
              </select>
            </label>
          )}
          {ADDRESS.map(([key, label, autocomplete]) => (
            <label key={key}>
              {label}
              <input
                autocomplete={`shipping ${autocomplete}`}
                value={det.deliveryAddress[key] ?? ''}
                onInput={(e) => updateDetails({ deliveryAddress: { ...det.deliveryAddress, [key]: e.currentTarget.value } })}
              />
            </label>
          ))}
        </fieldset>

        <label>
          Delivery date
          <input
            type="date"
            name="deliveryDate"
            min={today()}
            value={det.deliveryDate}
            aria-invalid={problems?.deliveryDate ? 'true' : undefined}
            aria-describedby={problems?.deliveryDate ? 'date-error' : undefined}
            onInput={(e) => updateDetails({ deliveryDate: e.currentTarget.value })}
          />
          {problems?.deliveryDate && (
            <span class="field-error" id="date-error">
              {problems.deliveryDate}
            </span>
          )}
        </label>

        <label>
          Contact person
          <input name="contactPerson" list="contacts" value={det.contactPerson} onInput={(e) => updateDetails({ contactPerson: e.currentTarget.value })} />
          <datalist id="contacts">
            {contacts.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>

        <label>
          Sales rep
          <input name="salesRep" list="reps" value={det.salesRep} onInput={(e) => updateDetails({ salesRep: e.currentTarget.value })} />
          <datalist id="reps">
            {reps.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </label>

        <fieldset>
          <legend>Customer signature</legend>
          <SignaturePad value={det.signature} onChange={(signature) => updateDetails({ signature })} />
        </fieldset>

        <label>
          Reference
          <input name="reference" maxLength={100} value={det.reference} onInput={(e) => updateDetails({ reference: e.currentTarget.value })} />
        </label>
        <label>
          Notes
          <textarea name="notes" rows={3} maxLength={4000} value={det.notes} onInput={(e) => updateDetails({ notes: e.currentTarget.value })} />
        </label>

        <div class="actions">
          <button type="button" class="button button-quiet" onClick={() => go({ name: 'cart' })}>
            Back
          </button>
          <button type="submit" class="button" disabled={busy}>
            {d.editing ? 'Save changes' : `Create ${noun}`}
          </button>
        </div>
      </form>
    </main>
  );
}
