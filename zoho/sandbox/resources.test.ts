/**
 * The paths real Zoho clients (and Satchel's next features) use beyond create-and-read: a sales
 * order updated in place and deleted, bulk confirmation all-or-nothing, a contact's people and
 * addresses, a contact updated, taxes and tax groups, currencies, payment terms, salespersons,
 * warehouses and item groups. Spoken to with plain fetch, as a third-party client would.
 */
import { SANDBOX_DEMO } from '../../config';
import { sandboxAccessToken, startSandbox, type RunningSandbox } from '../testing';

let zs: RunningSandbox;
let token: string;

beforeAll(async () => {
  zs = await startSandbox();
  token = await sandboxAccessToken(zs.url);
});
afterAll(() => zs.close());

type Body = Record<string, unknown> & { code: number; message: string };

async function call(method: string, path: string, body?: unknown, query: Record<string, string> = {}, product: 'inventory/v1' | 'books/v3' = 'inventory/v1') {
  const url = new URL(`${zs.url}/${product}${path}`);
  url.searchParams.set('organization_id', SANDBOX_DEMO.organizationId);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method,
    headers: { Authorization: `Zoho-oauthtoken ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const state = () => zs.sandbox.state;
const activeCustomer = () =>
  state()
    .contacts()
    .find((c) => c.status === 'active' && c.currency_code === 'USD')!;
const item = (n: number) => state().items()[n]!;

async function draft(lines = [{ item_id: item(0).item_id, quantity: 2, rate: 10 }]) {
  const res = await call('POST', '/salesorders', { customer_id: activeCustomer().contact_id, line_items: lines });
  expect(res.status).toBe(201);
  return res.body.salesorder as {
    salesorder_id: string;
    salesorder_number: string;
    line_items: Array<{ line_item_id: string; quantity: number }>;
    total: number;
  };
}

describe('sales orders: update in place, delete, bulk confirm', () => {
  test('PUT changes a draft in place: kept line ids stay, left-out lines go, totals follow, no second document', async () => {
    const so = await draft([
      { item_id: item(0).item_id, quantity: 2, rate: 10 },
      { item_id: item(1).item_id, quantity: 1, rate: 5 },
    ]);
    const before = state().salesOrders().length;
    const [first] = so.line_items;
    const res = await call('PUT', `/salesorders/${so.salesorder_id}`, {
      line_items: [
        { line_item_id: first!.line_item_id, item_id: item(0).item_id, quantity: 5, rate: 10 },
        { item_id: item(2).item_id, quantity: 1, rate: 7 },
      ],
      notes: 'changed on the road',
    });
    expect(res.status).toBe(200);
    const updated = res.body.salesorder as typeof so & { notes: string; sub_total: number; salesorder_number: string };
    expect(updated.salesorder_id).toBe(so.salesorder_id);
    expect(updated.salesorder_number).toBe(so.salesorder_number);
    expect(updated.line_items.map((l) => l.line_item_id)[0]).toBe(first!.line_item_id);
    expect(updated.line_items).toHaveLength(2);
    expect(updated.sub_total).toBe(57);
    expect(updated.notes).toBe('changed on the road');
    expect(state().salesOrders()).toHaveLength(before);
  });

  test('PUT refuses a line id of another document, and a void order; nothing changes', async () => {
    const a = await draft();
    const b = await draft();
    const wrong = await call('PUT', `/salesorders/${a.salesorder_id}`, { line_items: [{ line_item_id: b.line_items[0]!.line_item_id, quantity: 1, rate: 1 }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 2, message: 'Invalid value passed for line_items[0].line_item_id' });
    expect(state().getDocument('salesorder', a.salesorder_id).total).toBe(a.total);
    expect((await call('POST', `/salesorders/${a.salesorder_id}/status/void`)).status).toBe(200);
    const onVoid = await call('PUT', `/salesorders/${a.salesorder_id}`, { notes: 'x' });
    expect(onVoid.status).toBe(400);
    expect(onVoid.body.code).toBe(2);
  });

  test('a number changed on PUT is checked like on create (a taken number is refused)', async () => {
    const a = await draft();
    const b = await draft();
    const taken = await call('PUT', `/salesorders/${a.salesorder_id}`, { salesorder_number: b.salesorder_number }, { ignore_auto_number_generation: 'true' });
    expect(taken.status).toBe(400);
    expect(taken.body.message).toBe(`Sales Order number "${b.salesorder_number}" already exists.`);
  });

  test('DELETE removes the order and frees its number', async () => {
    const so = await draft();
    expect((await call('DELETE', `/salesorders/${so.salesorder_id}`)).body).toMatchObject({ code: 0 });
    expect((await call('GET', `/salesorders/${so.salesorder_id}`)).status).toBe(404);
    const list = await call('GET', '/salesorders', undefined, { salesorder_number: so.salesorder_number });
    expect(list.body.salesorders).toEqual([]);
  });

  test('bulk confirm confirms every listed draft, or none when one is not a draft', async () => {
    const a = await draft();
    const b = await draft();
    const c = await draft();
    expect((await call('POST', `/salesorders/${c.salesorder_id}/status/confirmed`)).status).toBe(200);
    const refused = await call('POST', '/salesorders/status/confirmed', undefined, { salesorder_ids: [a, c].map((d) => d.salesorder_id).join(',') });
    expect(refused.status).toBe(400);
    expect(state().getDocument('salesorder', a.salesorder_id).status).toBe('draft');
    const ok = await call('POST', '/salesorders/status/confirmed', undefined, { salesorder_ids: `${a.salesorder_id},${b.salesorder_id}` });
    expect(ok.body).toMatchObject({ code: 0 });
    expect([a, b].map((d) => state().getDocument('salesorder', d.salesorder_id).status)).toEqual(['confirmed', 'confirmed']);
    expect((await call('POST', '/salesorders/status/confirmed')).status).toBe(400);
  });

  test('a purchase price list is refused on a sales order', async () => {
    const purchase = state()
      .snapshot()
      .pricebooks.find((p) => p.sales_or_purchase_type === 'purchases')!;
    const res = await call('POST', '/salesorders', {
      customer_id: activeCustomer().contact_id,
      pricebook_id: purchase.pricebook_id,
      line_items: [{ item_id: item(0).item_id }],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 2, message: 'Invalid value passed for pricebook_id' });
  });

  test('a foreign-currency customer’s order carries its currency and the organization’s exchange rate', async () => {
    const eur = state()
      .contacts()
      .find((c) => c.currency_code === 'EUR' && c.status === 'active')!;
    const res = await call('POST', '/salesorders', { customer_id: eur.contact_id, line_items: [{ item_id: item(0).item_id, rate: 10 }] });
    const so = res.body.salesorder as { currency_code: string; exchange_rate: number };
    expect(so.currency_code).toBe('EUR');
    expect(so.exchange_rate).toBe(
      state()
        .currencies()
        .find((c) => c.currency_code === 'EUR')!.exchange_rate,
    );
  });
});

describe('a contact’s people and addresses, and the contact itself', () => {
  test('contact persons: list, add, update, make primary (the contact’s email follows), delete', async () => {
    const c = activeCustomer();
    const listed = await call('GET', `/contacts/${c.contact_id}/contactpersons`);
    expect((listed.body.contact_persons as unknown[]).length).toBe(c.contact_persons.length);
    const added = await call('POST', '/contacts/contactpersons', {
      contact_id: c.contact_id,
      first_name: 'Dana',
      last_name: 'Buyer',
      email: 'dana@buyer.example',
    });
    expect(added.status).toBe(201);
    const person = added.body.contact_person as { contact_person_id: string; is_primary_contact: boolean };
    expect(person.is_primary_contact).toBe(false);
    const one = await call('GET', `/contacts/${c.contact_id}/contactpersons/${person.contact_person_id}`);
    expect(one.body.contact_person).toMatchObject({ first_name: 'Dana', email: 'dana@buyer.example' });
    await call('PUT', `/contacts/contactpersons/${person.contact_person_id}`, { phone: '+1 555 0100' });
    expect((await call('POST', `/contacts/contactpersons/${person.contact_person_id}/primary`)).body.code).toBe(0);
    const contact = (await call('GET', `/contacts/${c.contact_id}`)).body.contact as { email: string; phone: string; primary_contact_id: string };
    expect(contact).toMatchObject({ email: 'dana@buyer.example', phone: '+1 555 0100', primary_contact_id: person.contact_person_id });
    const others = state()
      .getContact(c.contact_id)
      .contact_persons.filter((p) => p.contact_person_id !== person.contact_person_id);
    expect((await call('DELETE', `/contacts/contactpersons/${person.contact_person_id}`)).status).toBe(400); // the primary goes last
    expect((await call('DELETE', `/contacts/contactpersons/${others[0]!.contact_person_id}`)).body.code).toBe(0);
    expect((await call('POST', '/contacts/contactpersons', { contact_id: c.contact_id })).status).toBe(400);
    expect((await call('GET', `/contacts/${c.contact_id}/contactpersons/123`)).status).toBe(404);
  });

  test('addresses: the further ones are listed apart from the contact, added, changed and removed', async () => {
    const c = state()
      .contacts()
      .find((x) => (x.addresses ?? []).length > 0)!;
    const listed = await call('GET', `/contacts/${c.contact_id}/address`);
    expect((listed.body.addresses as unknown[]).length).toBe(c.addresses!.length);
    expect((await call('GET', `/contacts/${c.contact_id}`)).body.contact).not.toHaveProperty('addresses');
    const added = await call('POST', `/contacts/${c.contact_id}/address`, { attention: 'Loading bay', address: '9 Dock Rd', city: 'Austin' });
    const address = added.body.address_info as { address_id: string };
    await call('PUT', `/contacts/${c.contact_id}/address/${address.address_id}`, { zip: '73301' });
    expect(
      state()
        .contactParts.addresses(c.contact_id)
        .find((a) => a.address_id === address.address_id),
    ).toMatchObject({ city: 'Austin', zip: '73301' });
    expect((await call('DELETE', `/contacts/${c.contact_id}/address/${address.address_id}`)).body.code).toBe(0);
    expect((await call('POST', `/contacts/${c.contact_id}/address`, {})).status).toBe(400);
  });

  test('PUT /contacts/{id} changes phone and email (the primary person’s too) and keeps names unique', async () => {
    const [a, b] = state()
      .contacts()
      .filter((c) => c.status === 'active');
    const before = a!.last_modified_time;
    const res = await call('PUT', `/contacts/${a!.contact_id}`, { phone: '+1 555 0199', email: 'new@shop.example' });
    expect(res.body.contact).toMatchObject({ phone: '+1 555 0199', email: 'new@shop.example' });
    expect(a!.contact_persons.find((p) => p.is_primary_contact)!.email).toBe('new@shop.example');
    expect(a!.last_modified_time >= before).toBe(true);
    const clash = await call('PUT', `/contacts/${a!.contact_id}`, { contact_name: b!.contact_name.toUpperCase() });
    expect(clash.status).toBe(400);
    expect(clash.body.code).toBe(3062);
  });

  test('PUT /contacts/{id} with contact_persons changes the persons named by id (the primary’s email and phone are the contact’s); an unknown id is refused', async () => {
    const c = state()
      .contacts()
      .find((x) => x.status === 'active' && x.contact_persons.length > 1)!;
    const primary = c.contact_persons.find((p) => p.is_primary_contact)!;
    const other = c.contact_persons.find((p) => !p.is_primary_contact)!;
    const res = await call('PUT', `/contacts/${c.contact_id}`, {
      contact_name: c.contact_name,
      contact_persons: [{ contact_person_id: primary.contact_person_id, first_name: primary.first_name, email: 'primary@shop.example', phone: '+1 555 0177' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({ email: 'primary@shop.example', phone: '+1 555 0177' });
    expect(c.contact_persons).toContainEqual(expect.objectContaining({ contact_person_id: other.contact_person_id, email: other.email }));
    const bad = await call('PUT', `/contacts/${c.contact_id}`, { contact_name: c.contact_name, contact_persons: [{ contact_person_id: '460000000000001' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('contact_person_id');
  });
});

describe('organization settings and item groups', () => {
  test('taxes list simple, compound and group taxes; a group lists its members in order', async () => {
    const taxes = (await call('GET', '/settings/taxes')).body.taxes as Array<{ tax_id: string; tax_type: string }>;
    expect(new Set(taxes.map((t) => t.tax_type))).toEqual(new Set(['tax', 'compound_tax', 'tax_group']));
    const group = taxes.find((t) => t.tax_type === 'tax_group')!;
    expect(group).not.toHaveProperty('tax_ids');
    const detail = (await call('GET', `/settings/taxgroups/${group.tax_id}`)).body.tax_group as { taxes: Array<{ tax_type: string; tax_percentage: number }> };
    expect(detail.taxes.map((t) => [t.tax_type, t.tax_percentage])).toEqual([
      ['tax', 6],
      ['tax', 2.25],
      ['compound_tax', 1],
    ]);
    expect((await call('GET', `/settings/taxes/${group.tax_id}`)).status).toBe(404);
    expect((await call('GET', '/settings/taxes', undefined, { tax_name: 'State' })).status).toBe(400); // not a documented filter
    expect((await call('GET', `/settings/taxgroups/${taxes[0]!.tax_id}`)).status).toBe(404);
  });

  test('currencies with exchange rates, the base one excluded on request; payment terms; salespersons', async () => {
    const all = (await call('GET', '/settings/currencies')).body.currencies as Array<{
      currency_code: string;
      is_base_currency: boolean;
      exchange_rate: number;
    }>;
    expect(all.map((c) => c.currency_code)).toEqual(['USD', 'EUR', 'GBP']);
    expect(all.find((c) => c.is_base_currency)!.exchange_rate).toBe(1);
    const foreign = (await call('GET', '/settings/currencies', undefined, { filter_by: 'Currencies.ExcludeBaseCurrency' })).body.currencies as typeof all;
    expect(foreign.map((c) => c.currency_code)).toEqual(['EUR', 'GBP']);
    expect((await call('GET', '/settings/currencies', undefined, { filter_by: 'Currencies.Nope' })).status).toBe(400);
    const terms = (await call('GET', '/settings/paymentterms')).body.payment_terms as Array<{ payment_terms_label: string }>;
    expect(terms.map((t) => t.payment_terms_label)).toContain('Net 30');
    expect(((await call('GET', '/salespersons')).body.salespersons as unknown[]).length).toBe(3);
  });

  test('Inventory: warehouses mirror locations; item groups list their variants with options', async () => {
    const warehouses = (await call('GET', '/settings/warehouses')).body.warehouses as Array<{ warehouse_id: string; is_primary: boolean }>;
    expect(warehouses.map((w) => w.warehouse_id)).toEqual(
      state()
        .snapshot()
        .locations.map((l) => l.location_id),
    );
    const groups = (await call('GET', '/itemgroups')).body.itemgroups as Array<{
      group_id: string;
      group_name: string;
      items: Array<{ attribute_option_name1: string }>;
    }>;
    expect(groups.length).toBe(state().itemGroups().length);
    expect(groups[0]!.items).toHaveLength(6);
    const one = (await call('GET', `/itemgroups/${groups[0]!.group_id}`)).body.item_group as { attribute_name1: string; items: unknown[] };
    expect(one.attribute_name1).toBe('Size');
    const named = (await call('GET', '/itemgroups', undefined, { group_name: groups[0]!.group_name })).body.itemgroups as unknown[];
    expect(named).toHaveLength(1);
    expect((await call('GET', '/itemgroups', undefined, { sku: 'x' })).status).toBe(400);
    expect((await call('GET', '/itemgroups', undefined, {}, 'books/v3')).status).toBe(404);
  });
});
