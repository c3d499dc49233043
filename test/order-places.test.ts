/**
 * Where an order ships from and to reaches Zoho as ids: the location the rep chose (Inventory's
 * `location_id`) and the customer's address the rep picked (`shipping_address_id`, and the billing
 * address), through the default mappings into a live sandbox. An address of another customer is
 * refused, naming the field, as Zoho does.
 */
import { SANDBOX_DEMO } from '../config';
import { OrderSchema, type Order } from '../domain';
import { applyMapping, defaultMapping, type MappingTarget } from '../mappings';
import type { Contact, SandboxData } from '../zoho/sandbox/types';
import { sandboxAccessToken, startSandbox, type RunningSandbox } from '../zoho/testing';

let zs: RunningSandbox;
let token: string;
let data: SandboxData;

beforeAll(async () => {
  zs = await startSandbox({ seed: { items: 30, customers: 10 } });
  token = await sandboxAccessToken(zs.url);
  data = zs.sandbox.store.snapshot();
});
afterAll(async () => {
  await zs?.close();
});

function orderFor(customer: Contact, over: Partial<Order>): Order {
  const item = data.items[0]!;
  return OrderSchema.parse({
    id: crypto.randomUUID(),
    customer: { zohoContactId: customer.contact_id, name: customer.contact_name },
    currency: customer.currency_code,
    lines: [{ itemId: item.item_id, name: item.name, quantity: 1, unitPrice: 1000 }],
    createdAt: '2026-12-01T09:00:00.000Z',
    ...over,
  });
}

async function post(target: MappingTarget, path: string, order: Order) {
  const { payload, problems } = await applyMapping(defaultMapping(target), order, { number: `SO-${order.id.slice(0, 8)}` });
  expect(problems).toEqual([]);
  const res = await fetch(`${zs.url}${path}?organization_id=${SANDBOX_DEMO.organizationId}&ignore_auto_number_generation=true`, {
    method: 'POST',
    headers: { Authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as { code: number; message: string; salesorder?: Record<string, unknown> } };
}

const customers = () => data.contacts.filter((c) => c.contact_type === 'customer' && c.status === 'active');

test.each([
  ['inventory.salesorder', '/inventory/v1/salesorders'],
  ['books.salesorder', '/books/v3/salesorders'],
] as const)('%s: the picked shipping and billing addresses go as ids; Inventory ships from the chosen location', async (target, path) => {
  const [customer] = customers();
  const location = data.locations.find((l) => !l.is_primary)!;
  const order = orderFor(customer!, {
    shippingAddressId: customer!.shipping_address.address_id,
    billingAddressId: customer!.billing_address.address_id,
    locationId: location.location_id,
  });
  const { status, body } = await post(target, path, order);
  expect(status).toBe(201);
  expect(body.salesorder).toMatchObject({
    shipping_address_id: customer!.shipping_address.address_id,
    billing_address_id: customer!.billing_address.address_id,
  });
  if (target === 'inventory.salesorder') expect(body.salesorder!.location_id).toBe(location.location_id);
});

test("another customer's address is refused, naming the field", async () => {
  const [a, b] = customers();
  const { status, body } = await post('inventory.salesorder', '/inventory/v1/salesorders', orderFor(a!, { shippingAddressId: b!.shipping_address.address_id }));
  expect(status).toBe(400);
  expect(body).toMatchObject({ code: 2, message: expect.stringContaining('shipping_address_id') });
});

test.each([
  ['inventory.salesorder', '/inventory/v1/salesorders', 'salesorder'],
  ['books.salesorder', '/books/v3/salesorders', 'salesorder'],
  ['books.estimate', '/books/v3/estimates', 'estimate'],
] as const)('%s: the contact person picked by name goes as its id, and the salesperson as salesperson_id', async (target, path, key) => {
  const customer = customers().find((c) => c.contact_persons.length > 1)!;
  const person = customer.contact_persons[1]!;
  const salesperson = data.salespersons![1]!;
  const order = orderFor(customer, {
    contactPerson: `${person.first_name} ${person.last_name}`,
    contactPersonId: person.contact_person_id,
    salespersonId: salesperson.salesperson_id,
  });
  const { status, body } = await post(target, path, order);
  expect(status).toBe(201);
  const doc = (body as unknown as Record<string, Record<string, unknown>>)[key]!;
  if (target === 'inventory.salesorder') {
    expect(doc.contact_persons_associated).toEqual([expect.objectContaining({ contact_person_id: person.contact_person_id, first_name: person.first_name })]);
  } else {
    expect(doc.contact_persons).toEqual([person.contact_person_id]);
  }
  if (target !== 'books.estimate') expect(doc.salesperson_id).toBe(salesperson.salesperson_id);
});

test("another customer's contact person, or a salesperson Zoho has not, is refused, naming the field", async () => {
  const [a, b] = customers();
  const theirs = b!.contact_persons[0]!.contact_person_id;
  const inventory = await post('inventory.salesorder', '/inventory/v1/salesorders', orderFor(a!, { contactPersonId: theirs }));
  expect(inventory.status).toBe(400);
  expect(inventory.body).toMatchObject({ code: 2, message: expect.stringContaining('contact_person_id') });
  const books = await post('books.salesorder', '/books/v3/salesorders', orderFor(a!, { contactPersonId: theirs }));
  expect(books.body).toMatchObject({ code: 2, message: expect.stringContaining('contact_persons') });
  const nobody = await post('books.salesorder', '/books/v3/salesorders', orderFor(a!, { salespersonId: '460000000000999' }));
  expect(nobody.body).toMatchObject({ code: 2, message: expect.stringContaining('salesperson_id') });
});
