/**
 * The taxes on one taxable amount: each simple tax on the amount, each compound tax on the amount
 * plus the simple taxes (Zoho: "the provincial tax is applied on the total that includes the item
 * or invoice amount as well as the federal tax amount"). From a tax-exclusive amount, or from a
 * tax-inclusive one by first taking the taxes out (amount ÷ (1 + the group's effective rate)).
 * `rounded` rounds each tax to the minor unit (per-line rounding) and feeds the rounded simple taxes
 * to the compound ones, as a printed line shows them; otherwise everything stays exact.
 */
import { add, div, mul, percent, ratio, roundHalfAway, sum, type Ratio } from './ratio';
import type { TaxComponent } from './types';

export interface ComponentTax {
  component: TaxComponent;
  amount: Ratio;
}

const ONE: Ratio = { n: 1n, d: 1n };
const whole = (r: Ratio): Ratio => ratio(roundHalfAway(r));

/** The group's tax on an exclusive amount of 1: Σ simple + Σ compound × (1 + Σ simple). */
export function effectiveRate(components: readonly TaxComponent[]): Ratio {
  const simple = sum(components.filter((c) => !c.compound).map((c) => percent(c.percent)));
  const compound = sum(components.filter((c) => c.compound).map((c) => percent(c.percent)));
  return add(simple, mul(compound, add(ONE, simple)));
}

/** Taxes on a tax-exclusive `base` (minor units, exact). */
export function taxesOnExclusive(base: Ratio, components: readonly TaxComponent[], rounded: boolean): ComponentTax[] {
  const fix = rounded ? whole : (r: Ratio) => r;
  const simple = components.filter((c) => !c.compound).map((component) => ({ component, amount: fix(mul(base, percent(component.percent))) }));
  const compoundBase = add(base, sum(simple.map((t) => t.amount)));
  const byId = new Map(simple.map((t) => [t.component, t]));
  return components.map((component) => byId.get(component) ?? { component, amount: fix(mul(compoundBase, percent(component.percent))) });
}

/** Taxes held in a tax-inclusive `amount` (minor units, exact): the exclusive base is amount ÷ (1 + rate). */
export function taxesInInclusive(amount: Ratio, components: readonly TaxComponent[], rounded: boolean): ComponentTax[] {
  const base = div(amount, add(ONE, effectiveRate(components)));
  return taxesOnExclusive(base, components, rounded);
}

export function totalOf(taxes: readonly ComponentTax[]): Ratio {
  return sum(taxes.map((t) => t.amount));
}

/**
 * A unit rate (minor units) stated the other way round: a tax-inclusive rate without its tax
 * (÷ (1 + the tax's effective rate)), or an exclusive one with it (×), rounded half away from zero.
 * The hub's price check compares a device's price with the catalogue's on the order's own basis.
 */
export function rateOnBasis(rate: number, components: readonly TaxComponent[], toInclusive: boolean): number {
  if (components.length === 0) return rate;
  const factor = add(ONE, effectiveRate(components));
  return roundHalfAway(toInclusive ? mul(ratio(rate), factor) : div(ratio(rate), factor));
}
