import { OrderSchema } from '../domain';
import { sampleOrder } from '../test/support/orders';
import { applyContactMapping, applyMapping, defaultMapping, MappingSchema, SAMPLE_CUSTOMER, validateMapping } from '.';

describe('default mappings', () => {
  it.each(['inventory.salesorder', 'books.salesorder', 'books.estimate', 'contact'] as const)(
    '%s is a valid mapping document that passes every save check',
    async (target) => {
      expect(defaultMapping(target).target).toBe(target);
      const { problems } = await validateMapping(defaultMapping(target), { customFields: [] });
      expect(problems).toEqual([]);
    },
  );

  it('maps an order to an Inventory sales order payload', async () => {
    const order = OrderSchema.parse(sampleOrder({ reference: 'PO-7', deliveryDate: '2026-12-01' }));
    const { payload, problems } = await applyMapping(defaultMapping('inventory.salesorder'), order, { number: 'SO-ABC' });
    expect(problems).toEqual([]);
    expect(payload).toMatchObject({
      customer_id: '460000000000001',
      salesorder_number: 'SO-ABC',
      reference_number: 'PO-7',
      date: order.createdAt.slice(0, 10),
      shipment_date: '2026-12-01',
      notes: 'Leave at the back door',
    });
    expect(payload.custom_fields).toBeUndefined();
    expect(payload.line_items).toEqual([
      { item_id: '460000000010001', name: 'Widget', rate: 12.5, quantity: 2 },
      { item_id: '460000000010002', name: 'Gadget', rate: 9.99, quantity: 1 },
    ]);
  });

  it('maps a customer made on a device to the contact payload the customer workflow used to build by hand', async () => {
    const { payload, problems } = await applyContactMapping(defaultMapping('contact'), SAMPLE_CUSTOMER);
    expect(problems).toEqual([]);
    expect(payload).toEqual({
      contact_name: 'Sample New Shop',
      company_name: 'Sample New Shop Ltd',
      contact_type: 'customer',
      billing_address: { address: '1 High Street', city: 'Springfield', zip: '12345', country: 'USA' },
      contact_persons: [{ first_name: 'Sam', last_name: 'Owner', email: 'owner@newshop.example', is_primary_contact: true }],
    });
    // Without persons, the email and phone become the one primary person.
    const bare = await applyContactMapping(defaultMapping('contact'), { ...SAMPLE_CUSTOMER, contactPersons: undefined });
    expect(bare.payload.contact_persons).toEqual([
      { first_name: 'Sample New Shop', email: 'owner@newshop.example', phone: '+1 555 0100', is_primary_contact: true },
    ]);
  });

  it('sends the tax terms always, and the payment method to the custom field the hub names (ORDER_PAYMENT_METHOD_FIELD)', async () => {
    const order = OrderSchema.parse(sampleOrder({ paymentMethod: 'Card', taxInclusive: true }));
    for (const target of ['inventory.salesorder', 'books.salesorder', 'books.estimate'] as const) {
      const plain = await applyMapping(defaultMapping(target), order, { number: 'SO-1' });
      expect([target, plain.payload.is_inclusive_tax, plain.payload.custom_fields]).toEqual([target, true, undefined]);
      const named = await applyMapping(defaultMapping(target, { paymentMethodField: 'cf_payment_method' }), order, { number: 'SO-1' });
      expect([target, named.problems, named.payload.custom_fields]).toEqual([target, [], [{ api_name: 'cf_payment_method', value: 'Card' }]]);
      const { problems } = await validateMapping(defaultMapping(target, { paymentMethodField: 'cf_payment_method' }), {
        customFields: [
          {
            api_name: 'cf_payment_method',
            label: 'Payment method',
            customfield_id: '1',
            data_type: 'dropdown',
          },
        ],
      });
      expect([target, problems]).toEqual([target, []]);
    }
    const exclusive = await applyMapping(defaultMapping('books.salesorder'), OrderSchema.parse(sampleOrder({})), { number: 'SO-2' });
    expect(exclusive.payload.is_inclusive_tax).toBe(false);
    expect(defaultMapping('contact', { paymentMethodField: 'cf_payment_method' })).toEqual(defaultMapping('contact'));
  });

  it('names the row when a required source is empty', async () => {
    const order = OrderSchema.parse(sampleOrder({ customer: { deviceCustomerId: crypto.randomUUID(), name: 'New shop' } }));
    const { problems } = await applyMapping(defaultMapping('books.salesorder'), order, { number: 'SO-1' });
    expect(problems).toEqual([
      { row: 'fields[0]', list: 'fields', index: 0, zohoField: 'customer_id', message: 'customer_id is required but its source is empty' },
    ]);
  });

  it('rejects a mapping with an unknown kind of source', () => {
    const bad = { ...defaultMapping('inventory.salesorder'), fields: [{ zoho: 'notes', source: { sql: 'DROP TABLE' } }] };
    expect(MappingSchema.safeParse(bad).success).toBe(false);
  });
});
