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

describe('price resolution across currencies, volume and purchase lists', () => {
  const usd = { id: 'i1', rate: 1000, currency: 'USD' };
  const eurCustomer = { currency: 'EUR', exchangeRate: 1.0825 };

  it('prices a EUR customer without a EUR list from the base rate at the exchange rate, labelled EUR', () => {
    // $10.00 ÷ 1.0825 = €9.2379… → €9.24, not "10.00 EUR".
    expect(resolvePrice({ item: usd, customer: eurCustomer })).toMatchObject({ unitPrice: 924, currency: 'EUR', source: 'base', exchangeRate: 1.0825 });
  });

  it('takes the EUR list rate when it covers the item, else converts; a USD list does not price a EUR customer', () => {
    const eurList: PriceList = { ...perItem, id: 'eur', currency: 'EUR' };
    expect(resolvePrice({ item: usd, priceList: eurList, listRate: 900, customer: eurCustomer })).toMatchObject({
      unitPrice: 900,
      currency: 'EUR',
      source: 'price_list_rate',
    });
    expect(resolvePrice({ item: usd, priceList: eurList, customer: eurCustomer })).toMatchObject({ unitPrice: 924, currency: 'EUR', source: 'base' });
    expect(resolvePrice({ item: usd, priceList: perItem, listRate: 700, customer: eurCustomer })).toMatchObject({ unitPrice: 924, source: 'base' });
  });

  it('marks a percentage list up on the converted rate, in the customer currency', () => {
    expect(resolvePrice({ item: usd, priceList: plus10, customer: eurCustomer })).toMatchObject({ unitPrice: 1016, currency: 'EUR' }); // 9.24 × 1.1 = 10.164
  });

  it('never prices from a purchase list', () => {
    const purchase: PriceList = { ...perItem, id: 'buy', salesOrPurchase: 'purchases' };
    expect(resolvePrice({ item: usd, priceList: purchase, listRate: 550 })).toMatchObject({ unitPrice: 1000, source: 'base' });
    expect(resolvePrice({ item: usd, priceList: purchase, listRate: 550 }).priceListId).toBeUndefined();
  });

  it('prices a volume list by the bracket of the line quantity', () => {
    const volume: PriceList = { ...perItem, id: 'vol', pricingScheme: 'volume' };
    const brackets = [
      { startQuantity: 1, endQuantity: 9, rate: 1000 },
      { startQuantity: 10, endQuantity: 0, rate: 900 },
    ];
    expect(resolvePrice({ item: usd, priceList: volume, listRate: 1000, brackets, quantity: 3 }).unitPrice).toBe(1000);
    expect(resolvePrice({ item: usd, priceList: volume, listRate: 1000, brackets, quantity: 12 }).unitPrice).toBe(900);
  });
});
