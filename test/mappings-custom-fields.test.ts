/**
 * The organization's custom fields: the connector reads them from the sandbox in both readings
 * Zoho clients use (zoho/connector/resources/custom-fields.ts), and the sandbox, like Zoho, keeps
 * the custom fields of a created document (and refuses one the organization does not have).
 */
import type { ZohoProduct } from '../domain';
import { loadConfig } from '../config';
import { createZohoClient, MemoryTokenStore, ZohoValidationError } from '../zoho/connector';
import { createSandbox, type Sandbox } from '../zoho/sandbox';

describe('custom field settings', () => {
  let sandbox: Sandbox;
  let url: string;
  const calls: string[] = [];

  beforeAll(async () => {
    sandbox = createSandbox({ seed: { items: 3, customers: 2 } });
    ({ url } = await sandbox.listen(0, '127.0.0.1'));
  });
  afterAll(() => sandbox?.close());

  function client(product: ZohoProduct, withoutFirstReading = false) {
    const settings = { ...loadConfig({}).zoho, product, accountsUrl: url, apiDomain: url };
    // The other reading: an organization where /settings/customfields is an invalid URL.
    const fetchImpl: typeof fetch = async (input, init) => {
      const target = String(input instanceof Request ? input.url : input);
      if (target.includes('/settings/')) calls.push(new URL(target).pathname);
      if (withoutFirstReading && target.includes('/settings/customfields')) {
        return new Response(JSON.stringify({ code: 5, message: 'Invalid URL Passed' }), { status: 404, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    return createZohoClient(settings, { tokenStore: new MemoryTokenStore(), fetch: fetchImpl, timeoutMs: 5000 });
  }

  it('lists them per entity from /settings/customfields', async () => {
    calls.length = 0;
    const fields = await client('books').customFields.list('estimate');
    expect(fields.map((f) => [f.api_name, f.label, f.data_type])).toEqual([['cf_payment_method', 'Payment method', 'dropdown']]);
    expect(calls).toEqual(['/books/v3/settings/customfields']);
  });

  it('falls back to /settings/preferences/<entity>s where that is how the organization answers', async () => {
    calls.length = 0;
    const fields = await client('inventory', true).customFields.list('contact');
    expect(fields.map((f) => f.api_name)).toEqual(['cf_sales_rep', 'cf_customer_source']);
    expect(calls).toEqual(['/inventory/v1/settings/customfields', '/inventory/v1/settings/preferences/contacts']);
  });

  it('sees a custom field added in Zoho', async () => {
    sandbox.state.addCustomField({
      api_name: 'cf_route',
      label: 'Route',
      entity: 'salesorder',
      data_type: 'string',
      is_mandatory: false,
      is_active: true,
      show_on_pdf: false,
    });
    expect((await client('inventory').customFields.list('salesorder')).map((f) => f.api_name)).toContain('cf_route');
  });

  it('keeps the custom fields of a created sales order, refusing unknown ones and values outside a dropdown', async () => {
    const zoho = client('inventory');
    const fx = sandbox.fixtures;
    const base = { customer_id: fx.customer.contact_id, line_items: [{ item_id: fx.items[0]!.item_id, quantity: 1 }] };
    const created = await zoho.salesOrders.create(
      {
        ...base,
        custom_fields: [
          { api_name: 'cf_payment_method', value: 'Card' },
          { customfield_id: '466000000000002', value: 'AM' },
        ],
      },
      { number: 'SO-CF-1' },
    );
    expect((await zoho.salesOrders.get(created.salesorderId)).custom_fields).toEqual([
      expect.objectContaining({ customfield_id: '466000000000001', api_name: 'cf_payment_method', label: 'Payment method', value: 'Card' }),
      expect.objectContaining({ customfield_id: '466000000000002', api_name: 'cf_delivery_slot', label: 'Delivery slot', value: 'AM' }),
    ]);
    await expect(zoho.salesOrders.create({ ...base, custom_fields: [{ api_name: 'cf_nope', value: 'x' }] }, { number: 'SO-CF-2' })).rejects.toThrow(
      ZohoValidationError,
    );
    await expect(
      zoho.salesOrders.create({ ...base, custom_fields: [{ api_name: 'cf_payment_method', value: 'Bitcoin' }] }, { number: 'SO-CF-3' }),
    ).rejects.toThrow(/not one of its options/);
    expect(sandbox.state.salesOrders().map((so) => so.salesorder_number)).toEqual(['SO-CF-1']);
  });
});
