/**
 * A contact person added with an order becomes one person on the customer's Zoho contact, however
 * often the activity runs: looked up by email (else name) before the create, so a retry after a
 * lost answer adopts the person it made. Its id then goes with the order in the target's shape.
 * Against a live sandbox, both products.
 */
import { createZohoClient, MemoryTokenStore, unlimited, type ZohoClient } from '../../zoho/connector';
import { startSandbox, type RunningSandbox } from '../../zoho/testing';
import { ensureContactPerson, samePerson, withContactPerson } from './contact-person';

let zs: RunningSandbox;
beforeAll(async () => {
  zs = await startSandbox({ seed: { items: 30, customers: 10 } });
});
afterAll(() => zs?.close());

/** A client whose first answer to a person create is lost (the person is made; the caller hears a network error). */
function losingClient(product: 'inventory' | 'books'): { zoho: ZohoClient; creates: () => number } {
  let creates = 0;
  const lossy = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = String(input instanceof Request ? input.url : input);
    const res = await fetch(input, init);
    if (init?.method === 'POST' && url.includes('/contacts/contactpersons') && creates++ === 0) throw new TypeError('fetch failed (answer lost)');
    return res;
  }) as typeof fetch;
  return {
    zoho: createZohoClient(zs.settings(product), { tokenStore: new MemoryTokenStore(), limiter: unlimited, timeoutMs: 5000, fetch: lossy }),
    creates: () => creates,
  };
}

describe.each(['inventory', 'books'] as const)('%s', (product) => {
  test('a new contact person is created once, even when the first answer is lost, and found again by email', async () => {
    const { zoho, creates } = losingClient(product);
    const contact = zs.sandbox.store.snapshot().contacts.find((c) => c.status === 'active' && c.contact_type === 'customer')!;
    const wanted = { firstName: 'Neo', lastName: `Buyer ${product}`, email: `neo-${product}@shop.example`, phone: '+1 555 0123' };
    await expect(ensureContactPerson(zoho, contact.contact_id, wanted)).rejects.toThrow();
    const first = await ensureContactPerson(zoho, contact.contact_id, wanted);
    const again = await ensureContactPerson(zoho, contact.contact_id, { ...wanted, email: wanted.email.toUpperCase() });
    expect(creates()).toBe(1);
    expect(first).toEqual({ id: again.id, created: false });
    const persons = await zoho.contacts.persons(contact.contact_id);
    expect(persons.filter((p) => p.email === wanted.email)).toEqual([expect.objectContaining({ first_name: 'Neo', phone: '+1 555 0123' })]);
  });
});

test('without an email the person is matched by full name', () => {
  const persons = [
    { contact_person_id: '1', first_name: 'Ann', last_name: 'Lee' },
    { contact_person_id: '2', first_name: 'Ann', email: 'ann@x.example' },
  ];
  expect(samePerson(persons, { firstName: 'ann', lastName: 'LEE' })?.contact_person_id).toBe('1');
  expect(samePerson(persons, { firstName: 'Ann', email: 'other@x.example' })).toBeUndefined();
});

test('the id joins the contact persons in the shape the target takes, once', () => {
  const inv = withContactPerson({ target: 'inventory.salesorder', payload: { contact_persons_associated: [{ contact_person_id: 'a' }] } } as never, 'b');
  expect(inv.payload.contact_persons_associated).toEqual([{ contact_person_id: 'a' }, { contact_person_id: 'b' }]);
  expect(withContactPerson(inv, 'b').payload.contact_persons_associated).toHaveLength(2);
  const books = withContactPerson({ target: 'books.estimate', payload: {} } as never, 'b');
  expect(books.payload.contact_persons).toEqual(['b']);
});
