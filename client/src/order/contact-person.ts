/**
 * The order's contact person: a name typed or picked from the customer's Zoho contact persons. A
 * name that is one of theirs sends that person's id; another name is printed on the PDF only, or,
 * when the rep asks, added to the customer in Zoho with the order (name, email, phone).
 */
import type { ContactPersonRecord, Order } from '../domain';

/** What the details screen keeps for a contact person added with the order (as typed). */
export interface DraftNewPerson {
  email: string;
  phone: string;
}

export const personName = (p: ContactPersonRecord): string => [p.firstName, p.lastName].filter(Boolean).join(' ').trim();

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The customer's person whose name is the one typed (spaces and case aside), when it has an id. */
export function matchPerson(persons: ContactPersonRecord[] | undefined, typed: string): (ContactPersonRecord & { id: string }) | undefined {
  const name = norm(typed);
  if (!name) return undefined;
  return (persons ?? []).find((p): p is ContactPersonRecord & { id: string } => !!p.id && norm(personName(p)) === name);
}

/** The customer's persons' names for the picker, each once, in Zoho's order (the primary first). */
export function personChoices(persons: ContactPersonRecord[] | undefined): string[] {
  const sorted = [...(persons ?? [])].sort((a, b) => Number(!!b.primary) - Number(!!a.primary));
  return [...new Set(sorted.map(personName).filter(Boolean))];
}

export type PersonFields = Pick<Order, 'contactPerson' | 'contactPersonId' | 'newContactPerson'>;

/** The order's contact person fields from the typed name (and the new person's details when added). */
export function contactPersonFields(persons: ContactPersonRecord[] | undefined, typed: string, added: DraftNewPerson | undefined): PersonFields {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (!name) return {};
  const known = matchPerson(persons, name);
  if (known) return { contactPerson: name, contactPersonId: known.id };
  if (!added) return { contactPerson: name };
  const [firstName, ...rest] = name.split(' ');
  const email = added.email.trim();
  const phone = added.phone.trim();
  return {
    contactPerson: name,
    newContactPerson: { firstName: firstName!, ...(rest.length ? { lastName: rest.join(' ') } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
  };
}
