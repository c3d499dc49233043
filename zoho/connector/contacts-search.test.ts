/**
 * contacts.search finds customers only, even from a Zoho that ignores `contact_type` (the filter is
 * not in Zoho's description of the contacts list): a vendor with the same e-mail or name must never
 * be matched, or an order would be adopted onto a supplier.
 */
import { createZohoClient, MemoryTokenStore, unlimited } from '.';
import { startSandbox, type RunningSandbox } from '../testing';

let zs: RunningSandbox;
beforeAll(async () => {
  zs = await startSandbox();
});
afterAll(() => zs.close());

/** A Zoho that drops `contact_type` from the contacts list's query (the reading where it is not a filter). */
const ignoringContactType = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const url = new URL(String(input instanceof Request ? input.url : input));
  if (url.pathname.endsWith('/contacts')) url.searchParams.delete('contact_type');
  return fetch(url, init);
}) as typeof fetch;

test('a vendor sharing the e-mail or the name is never found as a customer', async () => {
  const zoho = createZohoClient(zs.settings('inventory'), {
    tokenStore: new MemoryTokenStore(),
    limiter: unlimited,
    timeoutMs: 5000,
    fetch: ignoringContactType,
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
});
