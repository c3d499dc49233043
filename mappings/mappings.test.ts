import { OrderSchema } from '../domain';
import { sampleOrder } from '../test/support/orders';
import { applyMapping, defaultMapping, MappingSchema } from '.';

describe('default mappings', () => {
  it.each(['inventory.salesorder', 'books.salesorder', 'books.estimate'] as const)('%s is a valid mapping document', (target) => {
    expect(defaultMapping(target).target).toBe(target);
  });

  it('maps an order to an Inventory sales order payload', () => {
    const order = OrderSchema.parse(sampleOrder({ reference: 'PO-7', deliveryDate: '2026-12-01' }));
    const { payload, problems } = applyMapping(defaultMapping('inventory.salesorder'), order, { number: 'SO-ABC' });
    expect(problems).toEqual([]);
    expect(payload).toMatchObject({
      customer_id: '460000000000001',
      salesorder_number: 'SO-ABC',
      reference_number: 'PO-7',
      date: order.createdAt.slice(0, 10),
      shipment_date: '2026-12-01',
      notes: 'Leave at the back door',
    });
    expect(payload.line_items).toEqual([
      { item_id: '460000000010001', name: 'Widget', rate: 12.5, quantity: 2 },
      { item_id: '460000000010002', name: 'Gadget', rate: 9.99, quantity: 1 },
    ]);
  });

  it('names the row when a required source is empty', () => {
    const order = OrderSchema.parse(sampleOrder({ customer: { deviceCustomerId: crypto.randomUUID(), name: 'New shop' } }));
    const { problems } = applyMapping(defaultMapping('books.salesorder'), order, { number: 'SO-1' });
    expect(problems).toEqual([{ row: 'fields[0]', zohoField: 'customer_id', message: 'customer_id is required but its source is empty' }]);
  });

  it('rejects a mapping with an unknown kind of source', () => {
    const bad = { ...defaultMapping('inventory.salesorder'), fields: [{ zoho: 'notes', source: { sql: 'DROP TABLE' } }] };
    expect(MappingSchema.safeParse(bad).success).toBe(false);
  });
});
