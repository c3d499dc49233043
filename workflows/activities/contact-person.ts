/**
 * A contact person the rep added with an order (offline too) made real in Zoho before the order:
 * looked for on the customer's contact first (same email, else the same name), created only when
 * absent, so a retried activity (or a lost answer) never makes a second one. Its id then joins the
 * document's contact persons in the shape the target documents (Books `contact_persons`, a list of
 * ids; Inventory `contact_persons_associated`, `[{contact_person_id}]`).
 */
import type { Order } from '../../domain';
import type { ZohoClient, ZohoContactPerson } from '../../zoho/connector';
import type { MappedOrder } from './mapping';

type NewPerson = NonNullable<Order['newContactPerson']>;

const lc = (s: string | undefined) => (s ?? '').trim().toLowerCase();
const fullName = (p: { first_name?: string; last_name?: string }) => lc([p.first_name, p.last_name].filter(Boolean).join(' '));

/** The person among the contact's: the same email when the rep gave one, else the same full name. */
export function samePerson(persons: ZohoContactPerson[], wanted: NewPerson): ZohoContactPerson | undefined {
  const email = lc(wanted.email);
  if (email) return persons.find((p) => lc(p.email) === email);
  const name = fullName({ first_name: wanted.firstName, last_name: wanted.lastName });
  return persons.find((p) => fullName(p) === name);
}

/** The id of the order's new contact person on Zoho contact `contactId`: found, or created once. */
export async function ensureContactPerson(zoho: ZohoClient, contactId: string, wanted: NewPerson): Promise<{ id: string; created: boolean }> {
  const found = samePerson(await zoho.contacts.persons(contactId), wanted);
  if (found?.contact_person_id) return { id: found.contact_person_id, created: false };
  const made = await zoho.contacts.addPerson(contactId, {
    first_name: wanted.firstName,
    ...(wanted.lastName ? { last_name: wanted.lastName } : {}),
    ...(wanted.email ? { email: wanted.email } : {}),
    ...(wanted.phone ? { phone: wanted.phone } : {}),
  });
  if (!made.contact_person_id) throw new Error('Zoho answered the new contact person without its id');
  return { id: made.contact_person_id, created: true };
}

/** The mapped payload with one more contact person, in the field the target takes (kept once). */
export function withContactPerson(mapped: MappedOrder, personId: string): MappedOrder {
  const payload = { ...mapped.payload } as Record<string, unknown>;
  if (mapped.target === 'inventory.salesorder') {
    const list = Array.isArray(payload.contact_persons_associated) ? (payload.contact_persons_associated as Array<{ contact_person_id: string }>) : [];
    payload.contact_persons_associated = list.some((p) => p.contact_person_id === personId) ? list : [...list, { contact_person_id: personId }];
  } else {
    const ids = Array.isArray(payload.contact_persons) ? (payload.contact_persons as string[]) : [];
    payload.contact_persons = ids.includes(personId) ? ids : [...ids, personId];
  }
  return { ...mapped, payload: payload as MappedOrder['payload'] };
}
