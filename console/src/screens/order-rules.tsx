/**
 * Order rules: what the pre-flight does with each rule (block, warn, ask for approval, allow) and its
 * numbers (discount limits per role, price floor, delivery lead time). Admins change them; support
 * sees them read-only. Devices get a change with their next catalogue fetch.
 */
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api';
import { PREFLIGHT_RULES, ROLES, policiesFor, type OrderPolicies, type PreflightRule, type RulePolicy } from '../domain';
import { dateTime, errorText } from '../format';
import { useLoad } from '../hooks';
import type { ScreenProps } from '../screen-props';

interface Stored {
  policies: OrderPolicies;
  updatedAt: string | null;
  updatedBy: string | null;
}

const RULE_LABELS: Record<PreflightRule, { title: string; hint: string }> = {
  customer_inactive: { title: 'Inactive or held customer', hint: 'The customer is inactive in Zoho, or on hold.' },
  credit_limit: { title: 'Credit limit', hint: 'The order is over what is left of the credit limit (less outstanding and unsent orders).' },
  price_floor: { title: 'Price floor', hint: 'A line’s price after discount is below the floor below.' },
  discount_limit: { title: 'Discount limit', hint: 'The order’s discount is above the limit of the role taking it (below).' },
  delivery_date: { title: 'Delivery date', hint: 'The delivery date is before the earliest allowed (lead time below).' },
  minimum_quantity: { title: 'Minimum quantity', hint: 'A line is under the item’s minimum order quantity.' },
  pack_size: { title: 'Pack size', hint: 'A line is not a multiple of the item’s pack size.' },
  unit_decimals: { title: 'Quantity decimals', hint: 'A quantity has more decimal places than the item’s unit allows in Zoho (2.5 pcs).' },
  stock: { title: 'Stock', hint: 'A line asks for more than is in stock at the location.' },
};

const POLICY_LABELS: Record<RulePolicy, string> = {
  block: 'Block: the order cannot be sent',
  warn: 'Warn: the rep may accept and go on',
  approve: 'Approval: support or an admin approves it',
  allow: 'Allow: not checked',
};

/** The form's text fields for the numbers; an empty discount limit means no limit. */
interface Numbers {
  limits: Record<(typeof ROLES)[number], string>;
  priceFloorPercent: string;
  deliveryLeadDays: string;
}

const numbersOf = (p: OrderPolicies): Numbers => ({
  limits: Object.fromEntries(ROLES.map((r) => [r, p.discountLimitPercent[r] === null ? '' : String(p.discountLimitPercent[r])])) as Numbers['limits'],
  priceFloorPercent: String(p.priceFloorPercent),
  deliveryLeadDays: String(p.deliveryLeadDays),
});

/** A typed number as the hub takes it: the hub validates and names the field when it is wrong. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

export default function OrderRules({ user }: ScreenProps) {
  const stored = useLoad(() => request<Stored>('/api/policies'), []);
  const editable = user.role === 'admin';
  const [rules, setRules] = useState<OrderPolicies['rules']>();
  const [numbers, setNumbers] = useState<Numbers>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!stored.data) return;
    setRules(stored.data.policies.rules);
    setNumbers(numbersOf(stored.data.policies));
  }, [stored.data]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!rules || !numbers) return;
    setBusy(true);
    setMessage(undefined);
    setFieldErrors({});
    const policies = {
      rules,
      discountLimitPercent: Object.fromEntries(ROLES.map((r) => [r, numbers.limits[r].trim() === '' ? null : numberOf(numbers.limits[r])])),
      priceFloorPercent: numberOf(numbers.priceFloorPercent),
      deliveryLeadDays: numberOf(numbers.deliveryLeadDays),
    };
    try {
      await request<Stored>('/api/admin/policies', { method: 'PUT', json: policies });
      setMessage({ text: 'Saved: devices get the new rules with their next catalogue update.' });
      stored.reload();
    } catch (err) {
      const fields = (err as { fields?: Array<{ path: string; message: string }> }).fields ?? [];
      setFieldErrors(Object.fromEntries(fields.map((f) => [f.path, f.message])));
      setMessage({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  const error = (path: string) =>
    fieldErrors[path] && (
      <span class="error" id={`${path}-error`} role="alert">
        {fieldErrors[path]}
      </span>
    );
  const numberField = (path: string, label: string, value: string, onInput: (v: string) => void, hint?: string) => (
    <label>
      {label}
      <input
        name={path}
        type="number"
        inputMode="decimal"
        min="0"
        step="any"
        value={value}
        placeholder={hint}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={fieldErrors[path] ? 'true' : undefined}
        aria-describedby={fieldErrors[path] ? `${path}-error` : undefined}
      />
      {error(path)}
    </label>
  );

  if (stored.error)
    return (
      <section>
        <h1>Order rules</h1>
        <p class="error" role="alert">
          {stored.error}
        </p>
      </section>
    );
  if (!rules || !numbers)
    return (
      <section>
        <h1>Order rules</h1>
        <p>Loading…</p>
      </section>
    );

  return (
    <section>
      <h1>Order rules</h1>
      <p class="hint">
        The checks an order goes through on the device before it is sent, and again at the hub when it arrives.
        {stored.data?.updatedAt
          ? ` Last changed ${dateTime(stored.data.updatedAt)}${stored.data.updatedBy ? ` by ${stored.data.updatedBy}` : ''}.`
          : ' These are the defaults.'}
        {!editable && ' Only an admin can change them.'}
      </p>
      <form class="stack" onSubmit={save} aria-label="Order rules">
        <fieldset disabled={!editable || busy}>
          <legend>Rules</legend>
          {error('rules')}
          {PREFLIGHT_RULES.map((rule) => (
            <fieldset key={rule} aria-describedby={`${rule}-hint`}>
              <legend>{RULE_LABELS[rule].title}</legend>
              <p class="hint" id={`${rule}-hint`}>
                {RULE_LABELS[rule].hint}
              </p>
              {policiesFor(rule).map((policy) => (
                <label class="inline" key={policy}>
                  <input
                    type="radio"
                    name={`rules.${rule}`}
                    value={policy}
                    checked={rules[rule] === policy}
                    onChange={() => setRules({ ...rules, [rule]: policy })}
                  />{' '}
                  {POLICY_LABELS[policy]}
                </label>
              ))}
              {error(`rules.${rule}`)}
            </fieldset>
          ))}
        </fieldset>
        <fieldset disabled={!editable || busy}>
          <legend>Discount limits (% of the order before discounts; empty: no limit)</legend>
          {ROLES.map((role) =>
            numberField(
              `discountLimitPercent.${role}`,
              `Largest discount a ${role} may give`,
              numbers.limits[role],
              (v) => setNumbers({ ...numbers, limits: { ...numbers.limits, [role]: v } }),
              'no limit',
            ),
          )}
        </fieldset>
        <fieldset disabled={!editable || busy}>
          <legend>Prices and delivery</legend>
          {numberField('priceFloorPercent', 'Price floor (% of the list price)', numbers.priceFloorPercent, (v) =>
            setNumbers({ ...numbers, priceFloorPercent: v }),
          )}
          {numberField('deliveryLeadDays', 'Delivery lead time (days after the order date)', numbers.deliveryLeadDays, (v) =>
            setNumbers({ ...numbers, deliveryLeadDays: v }),
          )}
        </fieldset>
        {editable && (
          <div class="actions">
            <button type="submit" disabled={busy}>
              Save rules
            </button>
          </div>
        )}
      </form>
      {message && (
        <p class={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
