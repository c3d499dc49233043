/**
 * contacts.search finds customers only: the contacts list is not asked for customers (`contact_type`
 * is not in Inventory's description of the list, so the connector does not send it) and answers
 * vendors too; a vendor with the same e-mail or name must never be matched, or an order would be
 * adopted onto a supplier.
 */
import { createZohoClient, MemoryTokenStore, unlimited } from '.';
import { startSandbox, type RunningSandbox } from '../testing';

let zs: RunningSandbox;
beforeAll(async () => {
  zs = await startSandbox();
});
afterAll(() => zs.close());

/** Every contacts-list query the connector sent. */
const sentQueries: URLSearchParams[] = [];
const recording = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const url = new URL(String(input instanceof Request ? input.url : input));
  if (url.pathname.endsWith('/contacts') && (init?.method ?? 'GET') === 'GET') sentQueries.push(url.searchParams);
  return fetch(url, init);
}) as typeof fetch;

test('a vendor sharing the e-mail or the name is never found as a customer', async () => {
  const zoho = createZohoClient(zs.settings('inventory'), {
    tokenStore: new MemoryTokenStore(),
    limiter: unlimited,
    timeoutMs: 5000,
    fetch: recording,
  });
  const customer = await zoho.contacts.create({
    contact_name: 'Harbour Supplies',
    contact_type: 'customer',
    contact_persons: [{ email: 'orders@harbour.example', is_primary_contact: true }],
  });
  const vendor = zs.sandbox.state.createContact({
    contact_name: 'Harbour Supplies Wholesale',
    contact_type: 'vendor',
    contact_persons: [{ email: 'orders@harbour.example', is_primary_contact: true }],
  });
  expect(vendor.contact_type).toBe('vendor');

  const byEmail = await zoho.contacts.search({ email: 'orders@harbour.example' });
  expect(byEmail.map((c) => c.contact_id)).toEqual([customer.contact_id]);
  const byName = await zoho.contacts.search({ name: 'Harbour Supplies' });
  expect(byName.map((c) => c.contact_id)).toEqual([customer.contact_id]);
  // The vendor did reach the connector (nothing filtered it before): the connector's own check kept it out.
  expect(sentQueries.length).toBe(2);
  for (const q of sentQueries) expect(q.has('contact_type')).toBe(false);
});
