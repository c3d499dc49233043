/**
 * Taxes as Zoho charges them, from the organization's taxes (`GET /settings/taxes`):
 * - a tax group's taxes are each charged on the same amount; a compound tax is charged on the
 *   amount plus the group's simple taxes ($100 at State 5 % and a 10 % compound tax: $5, then 10 %
 *   of $105; Zoho KB "What is the difference between a tax group and a compound tax?");
 * - tax-inclusive rates hold the tax: "Tax Amount = Price inclusive of tax × Tax rate ÷ (100 + Tax
 *   rate)" (Zoho KB "How is the tax amount calculated when tax preferences are set as tax
 *   inclusive?"); for a group, the amount before tax is the inclusive amount ÷ (1 + the group's
 *   effective rate), and each tax is charged on that;
 * - per line, each tax is rounded to the currency's places (and a compound tax is charged on the
 *   rounded simple taxes, as the line prints them); per document, the taxes stay unrounded until
 *   each tax's sum over the document is rounded (the organization's rounding preference).
 */
import { invalid } from '../errors';
import type { Tax } from '../types';
import { dec, HUNDRED, ONE, over, pct, roundTo, times, total, type Dec } from './decimal';

/** A tax id of a line or of the shipping charge: the taxes it stands for, in Zoho's order. */
export function taxesOf(taxId: string, taxes: readonly Tax[], field: string): Tax[] {
  if (!taxId) return [];
  const tax = taxes.find((t) => t.tax_id === taxId);
  if (!tax) throw invalid(field);
  if (tax.tax_type !== 'tax_group') return [tax];
  return (tax.tax_ids ?? []).map((id) => {
    const member = taxes.find((t) => t.tax_id === id);
    if (!member) throw invalid(field);
    return member;
  });
}

export interface ChargedTax {
  tax: Tax;
  amount: Dec;
}

/**
 * The taxes on `amount` (dollars): tax-exclusive or inclusive, each rounded to `places` when
 * rounding per line (`places` undefined: unrounded).
 */
export function chargeTaxes(amount: Dec, members: readonly Tax[], inclusive: boolean, places: number | undefined): ChargedTax[] {
  const fix = (d: Dec) => (places === undefined ? d : roundTo(d, places));
  const simple = members.filter((t) => t.tax_type !== 'compound_tax');
  const compound = members.filter((t) => t.tax_type === 'compound_tax');
  let base = amount;
  if (inclusive) {
    const simplePct = total(simple.map((t) => dec(t.tax_percentage)));
    const compoundPct = total(compound.map((t) => dec(t.tax_percentage)));
    // The group's rate in percent: simple + compound × (1 + simple / 100).
    const effective = simplePct + times(compoundPct, ONE + over(simplePct, HUNDRED));
    base = over(times(amount, HUNDRED), HUNDRED + effective);
  }
  const simpleCharged = simple.map((tax) => ({ tax, amount: fix(pct(base, dec(tax.tax_percentage))) }));
  const onTaxes = base + total(simpleCharged.map((c) => c.amount));
  return members.map((tax) =>
    tax.tax_type === 'compound_tax' ? { tax, amount: fix(pct(onTaxes, dec(tax.tax_percentage))) } : simpleCharged.find((c) => c.tax === tax)!,
  );
}
