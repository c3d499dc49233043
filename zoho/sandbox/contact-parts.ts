/**
 * A contact's people and addresses as Zoho keeps them apart from the contact itself
 * (`/contacts/{id}/contactpersons`, `/contacts/contactpersons/{id}`, `/contacts/{id}/address`),
 * and `PUT /contacts/{id}`. Kept out of the store so each part has one job; the store lends it the
 * contacts, new ids and the "something changed" signal.
 */
import { CODES, invalid, notFound, SandboxError } from './errors';
import type { Address, Contact, ContactPerson, Json } from './types';
import { lc, numberOr, str } from './values';

export interface ContactBook {
  getContact(id: string): Contact;
  contacts(): Contact[];
  newRecordId(): string;
  /** The contact changed: bump its `last_modified_time` and persist. */
  touched(contact: Contact): void;
}

const PERSON_FIELDS = ['salutation', 'first_name', 'last_name', 'email', 'phone', 'mobile', 'designation', 'department'] as const;
const ADDRESS_FIELDS = ['attention', 'address', 'street2', 'city', 'state', 'zip', 'country', 'phone'] as const;

export class ContactParts {
  constructor(private readonly book: ContactBook) {}

  persons(contactId: string): ContactPerson[] {
    return this.book.getContact(contactId).contact_persons;
  }

  person(contactId: string, personId: string): ContactPerson {
    const p = this.persons(contactId).find((x) => x.contact_person_id === personId);
    if (!p) throw notFound('Contact person');
    return p;
  }

  /** `POST /contacts/contactpersons`: the body names its contact; a person needs a first name or an email. */
  addPerson(body: Json): ContactPerson {
    const contactId = str(body.contact_id);
    if (!contactId) throw invalid('contact_id');
    const contact = this.book.getContact(contactId);
    if (!str(body.first_name).trim() && !str(body.email).trim())
      throw new SandboxError(400, CODES.invalidValue, 'Please enter the first name or email of the contact person.');
    const person: ContactPerson = {
      contact_person_id: this.book.newRecordId(),
      first_name: '',
      last_name: '',
      email: '',
      phone: '',
      mobile: '',
      is_primary_contact: contact.contact_persons.length === 0,
    };
    assignText(person, body, PERSON_FIELDS);
    contact.contact_persons.push(person);
    this.book.touched(contact);
    return person;
  }

  updatePerson(personId: string, body: Json): ContactPerson {
    const { contact, person } = this.findPerson(personId);
    assignText(person, body, PERSON_FIELDS);
    if (person.is_primary_contact) this.syncPrimary(contact);
    this.book.touched(contact);
    return person;
  }

  deletePerson(personId: string): void {
    const { contact, person } = this.findPerson(personId);
    if (person.is_primary_contact && contact.contact_persons.length > 1) {
      throw new SandboxError(400, CODES.invalidValue, 'The primary contact person cannot be deleted. Mark another contact person as primary first.');
    }
    contact.contact_persons.splice(contact.contact_persons.indexOf(person), 1);
    this.book.touched(contact);
  }

  markPrimary(personId: string): void {
    const { contact, person } = this.findPerson(personId);
    for (const p of contact.contact_persons) p.is_primary_contact = p === person;
    this.syncPrimary(contact);
    this.book.touched(contact);
  }

  /** `GET /contacts/{id}/address`: the further addresses (billing and shipping are on the contact). */
  addresses(contactId: string): Address[] {
    return (this.book.getContact(contactId).addresses ??= []);
  }

  addAddress(contactId: string, body: Json): Address {
    const contact = this.book.getContact(contactId);
    if (!ADDRESS_FIELDS.some((k) => str(body[k]).trim())) throw invalid('address');
    const address: Address = {
      address_id: this.book.newRecordId(),
      attention: '',
      address: '',
      street2: '',
      city: '',
      state: '',
      zip: '',
      country: '',
      phone: '',
    };
    assignText(address, body, ADDRESS_FIELDS);
    (contact.addresses ??= []).push(address);
    this.book.touched(contact);
    return address;
  }

  updateAddress(contactId: string, addressId: string, body: Json): Address {
    const contact = this.book.getContact(contactId);
    const address = this.addressOf(contact, addressId);
    assignText(address, body, ADDRESS_FIELDS);
    this.book.touched(contact);
    return address;
  }

  deleteAddress(contactId: string, addressId: string): void {
    const contact = this.book.getContact(contactId);
    const list = (contact.addresses ??= []);
    const address = this.addressOf(contact, addressId);
    list.splice(list.indexOf(address), 1);
    this.book.touched(contact);
  }

  /**
   * `PUT /contacts/{id}`: the fields a rep or the office changes (name, phone, email, addresses,
   * terms, price list, credit limit). A new name must still be unique.
   */
  updateContact(contactId: string, body: Json, pricebookExists: (id: string) => boolean): Contact {
    const contact = this.book.getContact(contactId);
    const name = body.contact_name === undefined ? contact.contact_name : str(body.contact_name).trim();
    if (!name) throw invalid('contact_name');
    if (this.book.contacts().some((c) => c !== contact && lc(c.contact_name) === lc(name))) {
      throw new SandboxError(400, CODES.contactExists, `The ${contact.contact_type} "${name}" already exists. Please specify a different name.`);
    }
    const pricebookId = body.pricebook_id === undefined ? contact.pricebook_id : str(body.pricebook_id);
    if (pricebookId && !pricebookExists(pricebookId)) throw invalid('pricebook_id');
    contact.contact_name = name;
    contact.pricebook_id = pricebookId;
    if (body.company_name !== undefined) contact.company_name = str(body.company_name);
    if (body.payment_terms !== undefined) contact.payment_terms = numberOr(body.payment_terms, 0, 'payment_terms');
    if (body.credit_limit !== undefined) contact.credit_limit = numberOr(body.credit_limit, 0, 'credit_limit');
    for (const key of ['billing_address', 'shipping_address'] as const) {
      if (body[key] && typeof body[key] === 'object') assignText(contact[key], body[key] as Json, ADDRESS_FIELDS);
    }
    // Persons named by id change as the body says; one without an id is added. Persons left out stay.
    if (body.contact_persons !== undefined) {
      if (!Array.isArray(body.contact_persons)) throw invalid('contact_persons');
      for (const raw of body.contact_persons as Json[]) {
        const id = str(raw?.contact_person_id);
        const known = id ? contact.contact_persons.find((x) => x.contact_person_id === id) : undefined;
        if (id && !known) throw invalid('contact_person_id');
        if (known) assignText(known, raw, PERSON_FIELDS);
        else this.addPerson({ ...raw, contact_id: contact.contact_id });
      }
      this.syncPrimary(contact);
    }
    // The contact's email and phone are its primary person's (Zoho shows them from there).
    const primary = contact.contact_persons.find((p) => p.is_primary_contact);
    for (const key of ['email', 'phone'] as const) {
      if (body[key] === undefined) continue;
      contact[key] = str(body[key]);
      if (primary) primary[key] = contact[key];
    }
    this.book.touched(contact);
    return contact;
  }

  private findPerson(personId: string): { contact: Contact; person: ContactPerson } {
    for (const contact of this.book.contacts()) {
      const person = contact.contact_persons.find((p) => p.contact_person_id === personId);
      if (person) return { contact, person };
    }
    throw notFound('Contact person');
  }

  private addressOf(contact: Contact, addressId: string): Address {
    const address = (contact.addresses ?? []).find((a) => a.address_id === addressId);
    if (!address) throw notFound('Address');
    return address;
  }

  private syncPrimary(contact: Contact): void {
    const primary = contact.contact_persons.find((p) => p.is_primary_contact);
    if (!primary) return;
    contact.email = primary.email;
    contact.phone = primary.phone;
  }
}

/** Copies the text fields the body names (and only those) onto the record. */
function assignText<T extends object>(target: T, body: Json, keys: readonly string[]): void {
  const t = target as Record<string, unknown>;
  for (const k of keys) if (body[k] !== undefined) t[k] = str(body[k]);
}
