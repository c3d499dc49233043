/**
 * Zoho records read as Zoho's own descriptions show them, not only as our sandbox sends them:
 * numbers as numeric or percentage strings, '' for none (Books types `tax_percentage` as "70%";
 * the Inventory description gives empty location stock as ''). A record in either shape must
 * reach the devices, not be skipped as unreadable.
 */
import { customerRecord, itemRecords, parseContact, priceBookRecords, unitDecimals } from './zoho-records';

const item = (over: Record<string, unknown>) => ({ item_id: '4601', name: 'Oak Shelf', rate: 12.5, status: 'active', ...over });

describe('item records in the shapes Zoho documents', () => {
  test('a percentage string and numeric strings read as numbers', () => {
    const parsed = itemRecords(item({ tax_id: 't1', tax_name: 'VAT', tax_percentage: '70%', stock_on_hand: '12', available_stock: '10.5' }), 'USD');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.tax).toEqual({ id: 't1', record: { name: 'VAT', percent: 70 } });
    expect(parsed.value.stock.total).toBe(10.5);
  });

  test("'' is no value (the location's stock then comes from the other field)", () => {
    const parsed = itemRecords(
      item({ locations: [{ location_id: 'l1', location_stock_on_hand: '', location_available_stock: '4' }], stock_on_hand: '' }),
      'USD',
    );
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.stock.at).toEqual({ l1: 4 });
  });

  test('text that is no number is still refused, naming the field', () => {
    const parsed = itemRecords(item({ tax_percentage: 'a lot' }), 'USD');
    expect(parsed).toMatchObject({ ok: false, id: '4601' });
    if (!parsed.ok) expect(parsed.problem).toMatch(/tax_percentage/);
  });
});

describe('variants and barcodes', () => {
  test('a variant carries its group and options; its UPC, EAN and ISBN become barcodes', () => {
    const parsed = itemRecords(
      item({
        group_id: 'g1',
        group_name: 'Oak Shelf',
        attribute_name1: 'Size',
        attribute_option_name1: 'M',
        attribute_name2: 'Colour',
        attribute_option_name2: 'Black',
        attribute_name3: '',
        ean: '2000000000015',
        upc: '012345678905',
        isbn: '',
      }),
      'USD',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.item.variant).toEqual({
      groupId: 'g1',
      groupName: 'Oak Shelf',
      options: [
        { name: 'Size', value: 'M' },
        { name: 'Colour', value: 'Black' },
      ],
    });
    expect(parsed.value.item.barcodes).toEqual(['012345678905', '2000000000015']);
  });

  test('a plain item has neither', () => {
    const parsed = itemRecords(item({}), 'USD');
    expect(parsed.ok && parsed.value.item).not.toHaveProperty('variant');
    expect(parsed.ok && parsed.value.item).not.toHaveProperty('barcodes');
  });
});

describe('price lists', () => {
  test('a purchase list is not served, whichever spelling (purchases, purchase)', () => {
    for (const type of ['purchases', 'purchase']) {
      const parsed = priceBookRecords(
        { pricebook_id: 'p1', name: 'Costs', pricebook_type: 'per_item', sales_or_purchase_type: type, pricebook_items: [] },
        'USD',
      );
      expect(parsed).toMatchObject({ ok: true, value: { active: false } });
    }
  });

  test('a volume item with brackets only takes its first bracket as the rate; one with neither is skipped', () => {
    const parsed = priceBookRecords(
      {
        pricebook_id: 'p2',
        name: 'Volume',
        pricebook_type: 'per_item',
        pricing_scheme: 'volume',
        pricebook_items: [
          {
            item_id: 'i1',
            price_brackets: [
              { start_quantity: 10, end_quantity: '', pricebook_rate: 9 },
              { start_quantity: 1, end_quantity: 9, pricebook_rate: 10 },
            ],
          },
          { item_id: 'i2' },
        ],
      },
      'USD',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.rates).toEqual([
      {
        itemId: 'i1',
        rate: 1000,
        brackets: [
          { startQuantity: 1, endQuantity: 9, rate: 1000 },
          { startQuantity: 10, endQuantity: 0, rate: 900 },
        ],
      },
    ]);
    expect(parsed.value.skipped.map((s) => s.id)).toEqual(['i2']);
  });
});

describe('the fields pre-flight reads', () => {
  test("an item's minimum order quantity and pack size, from a cf_* key or a custom_fields entry", () => {
    const listed = itemRecords(item({ cf_min_order_qty: '6', cf_pack_size: '' }), 'USD');
    const detailed = itemRecords(
      item({
        custom_fields: [
          { api_name: 'cf_pack_size', value: 12 },
          { api_name: 'cf_other', value: 3 },
        ],
      }),
      'USD',
    );
    expect(listed.ok && [listed.value.item.minimumQuantity, listed.value.item.packSize]).toEqual([6, undefined]);
    expect(detailed.ok && [detailed.value.item.minimumQuantity, detailed.value.item.packSize]).toEqual([undefined, 12]);
  });

  test('the field names are the configured ones (CATALOGUE_MINIMUM_QUANTITY_FIELD, CATALOGUE_PACK_SIZE_FIELD)', () => {
    const parsed = itemRecords(item({ cf_min_order_qty: '6', cf_moq: '10', cf_case: 8 }), 'USD', { minimumQuantity: 'cf_moq', packSize: 'cf_case' });
    expect(parsed.ok && [parsed.value.item.minimumQuantity, parsed.value.item.packSize]).toEqual([10, 8]);
  });

  test('a customer keeps its status, credit limit and outstanding amount (minor units)', () => {
    const contact = (over: Record<string, unknown>) => {
      const p = parseContact({ contact_id: 'c1', contact_name: 'Shop', currency_code: 'EUR', ...over });
      if (!p.ok) throw new Error(p.problem);
      return customerRecord(p.value, undefined, 'USD');
    };
    expect(contact({ status: 'inactive', credit_limit: 5000, outstanding_receivable_amount: '1250.5' })).toMatchObject({
      active: false,
      creditLimit: 500_000,
      outstanding: 125_050,
    });
    const ordinary = contact({ status: 'active', credit_limit: 0 });
    expect([ordinary.active, ordinary.creditLimit, ordinary.outstanding, ordinary.taxExempt]).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('a customer Zoho charges no tax is tax-exempt on the device: is_taxable false (either spelling) or a tax exemption', () => {
    const exempt = (over: Record<string, unknown>) => {
      const p = parseContact({ contact_id: 'c1', contact_name: 'Shop', ...over });
      if (!p.ok) throw new Error(p.problem);
      return customerRecord(p.value, undefined, 'USD').taxExempt;
    };
    expect([exempt({ is_taxable: false }), exempt({ is_taxable: 'false' }), exempt({ tax_exemption_id: '4600001' })]).toEqual([true, true, true]);
    expect([exempt({ is_taxable: true }), exempt({}), exempt({ tax_exemption_id: '' })]).toEqual([undefined, undefined, undefined]);
  });
  test("an item's unit takes its decimal places from Inventory's units (GET /units quantity_decimal_place), by the unit's code", () => {
    const units = unitDecimals([
      { unit: 'pcs', quantity_decimal_place: 0 },
      { unit: 'KG', quantity_decimal_place: 3 },
      { unit: 'box' }, // no number: not known
      { unit: 'm', quantity_decimal_place: -1 },
    ]);
    expect(units).toEqual({ pcs: 0, kg: 3 });
    const places = (unit: string) => {
      const parsed = itemRecords(item({ unit }), 'USD', undefined, units);
      return parsed.ok ? parsed.value.item.quantityDecimals : 'refused';
    };
    expect([places('pcs'), places('kg'), places('box'), places('m')]).toEqual([0, 3, undefined, undefined]);
  });

  test("a customer's payment terms (days and label), and on hold from the admin's custom field (CATALOGUE_ON_HOLD_FIELD)", () => {
    const record = (over: Record<string, unknown>, onHoldField?: string) => {
      const p = parseContact({ contact_id: 'c1', contact_name: 'Shop', ...over });
      if (!p.ok) throw new Error(p.problem);
      return customerRecord(p.value, undefined, 'USD', { onHoldField });
    };
    expect(record({ payment_terms: 30, payment_terms_label: 'Net 30' })).toMatchObject({ paymentTerms: 30, paymentTermsLabel: 'Net 30' });
    expect(record({ cf_on_hold: true }, 'cf_on_hold').onHold).toBe(true);
    expect(record({ custom_fields: [{ api_name: 'cf_on_hold', value: 'Yes' }] }, 'cf_on_hold').onHold).toBe(true);
    expect(record({ custom_fields: [{ api_name: 'cf_on_hold', value: 'no' }] }, 'cf_on_hold').onHold).toBeUndefined();
    expect(record({ cf_on_hold: false }, 'cf_on_hold').onHold).toBeUndefined();
    // No field named: nobody is on hold, whatever the contact holds.
    expect(record({ cf_on_hold: true }).onHold).toBeUndefined();
  });
});
