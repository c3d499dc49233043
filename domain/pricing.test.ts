import { applyPercentage, rateToMinor, resolvePrice, type PriceList } from './pricing';

const item = { id: 'i1', rate: 1999, currency: 'USD', taxId: 't1', taxPercent: 8.25 };
const perItem: PriceList = { id: 'pb1', name: 'Wholesale', type: 'per_item', percentage: 0, isIncrease: false, currency: 'USD' };
const plus10: PriceList = { id: 'pb2', name: 'Retail +10%', type: 'fixed_percentage', percentage: 10, isIncrease: true, currency: 'USD' };
const minus15: PriceList = { id: 'pb3', name: 'Key -15%', type: 'fixed_percentage', percentage: 15, isIncrease: false, currency: 'USD' };

describe('price resolution', () => {
  it('uses the base rate without a price list, and tax rounded once per unit', () => {
    expect(resolvePrice({ item })).toEqual({
      unitPrice: 1999,
      currency: 'USD',
      source: 'base',
      taxId: 't1',
      taxPercent: 8.25,
      unitTax: 165, // 164.9175
      unitGross: 2164,
    });
  });

  it('takes the per-item rate of the customer list, else falls back to the base rate', () => {
    expect(resolvePrice({ item, priceList: perItem, listRate: 1750 })).toMatchObject({ unitPrice: 1750, source: 'price_list_rate', priceListId: 'pb1' });
    expect(resolvePrice({ item, priceList: perItem })).toMatchObject({ unitPrice: 1999, source: 'base' });
    expect(resolvePrice({ item, priceList: perItem }).priceListId).toBeUndefined();
  });

  it('marks up and down by percentage, rounding half away from zero', () => {
    expect(resolvePrice({ item, priceList: plus10 })).toMatchObject({ unitPrice: 2199, source: 'price_list_percentage' }); // 2198.9
    expect(resolvePrice({ item, priceList: minus15 }).unitPrice).toBe(1699); // 1699.15
    expect(applyPercentage(1005, { percentage: 50, isIncrease: false }, 'USD')).toBe(503); // 502.5 → 503
    expect(applyPercentage(100, { percentage: 150, isIncrease: false }, 'USD')).toBe(0); // never negative
  });

  it("applies Zoho's rounding options in the currency's minor units", () => {
    const r = (rounding: PriceList['rounding'], rate = 1999) => applyPercentage(rate, { percentage: 10, isIncrease: true, rounding }, 'USD');
    expect(r('round_to_dollar')).toBe(2200);
    expect(r('round_to_dollar_minus_01')).toBe(2199);
    expect(r('round_to_half_dollar', 1960)).toBe(2150); // 21.56 → 21.50
    expect(r('round_to_half_dollar_minus_01', 1960)).toBe(2149);
    expect(applyPercentage(1999, { percentage: 10, isIncrease: true, rounding: 'round_to_dollar' }, 'JPY')).toBe(2199);
    expect(applyPercentage(12345, { percentage: 0, isIncrease: true, rounding: 'round_to_dollar' }, 'KWD')).toBe(12000);
  });

  it('converts Zoho decimals to minor units per currency', () => {
    expect(rateToMinor(12.345, 'USD')).toBe(1235);
    expect(rateToMinor(1200, 'JPY')).toBe(1200);
    expect(rateToMinor(1.2345, 'KWD')).toBe(1235);
    expect(rateToMinor(0.1 + 0.2, 'USD')).toBe(30);
  });

  it('prices a per-item list in its own currency', () => {
    const eur: PriceList = { ...perItem, currency: 'EUR' };
    expect(resolvePrice({ item, priceList: eur, listRate: 1800 })).toMatchObject({ unitPrice: 1800, currency: 'EUR' });
  });
});
