/**
 * A discount as the rep types it: a value and whether it is a percentage or an amount in the
 * order's currency. One component for a line's discount and the order's, labelled and described
 * like the quantity input (its error next to it, aria-invalid, aria-describedby).
 */
import type { ComponentChildren } from 'preact';
import type { DraftDiscount } from '../order/draft';

export function DiscountInput({
  id,
  label,
  value,
  currency,
  problem,
  onChange,
}: {
  id: string;
  /** The visible label, with any words only a screen reader needs (which line) inside. */
  label: ComponentChildren;
  value: DraftDiscount | undefined;
  currency: string;
  problem?: string;
  onChange(change: Partial<DraftDiscount>): void;
}) {
  const kind = value?.kind ?? 'percent';
  return (
    <div class="discount-input">
      <label for={id}>{label}</label>
      <span class="discount-fields">
        <input
          id={id}
          name={id}
          inputMode="decimal"
          value={value?.value ?? ''}
          placeholder={kind === 'percent' ? '0' : '0.00'}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onInput={(e) => onChange({ value: e.currentTarget.value })}
        />
        <label for={`${id}-kind`} class="visually-hidden">
          Discount as
        </label>
        <select id={`${id}-kind`} name={`${id}-kind`} value={kind} onChange={(e) => onChange({ kind: e.currentTarget.value as DraftDiscount['kind'] })}>
          <option value="percent">%</option>
          <option value="amount">{currency}</option>
        </select>
      </span>
      {problem && (
        <span class="field-error" id={`${id}-error`}>
          {problem}
        </span>
      )}
    </div>
  );
}
