/** The money engine's surface: totals as Zoho computes them, and the price a line gets. */
export { documentTotals } from './document';
export { effectiveRate, rateOnBasis } from './tax';
export { appliedTax, type TaxSetting } from './applied-tax';
export { bracketRate, convertFromBase, markPercentage, type PriceBracket, type PriceRoundingType } from './price-selection';
export type * from './types';
