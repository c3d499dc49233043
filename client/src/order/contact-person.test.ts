/** The order's contact person: a customer's person by name sends its id; another name is added to Zoho only when asked. */
import { contactPersonFields, matchPerson, personChoices } from './contact-person';

const persons = [
  { id: 'p1', firstName: 'Ann', lastName: 'Lee', email: 'ann@shop.example' },
  { id: 'p2', firstName: 'Bo', email: 'bo@shop.example', primary: true },
  { firstName: 'No', lastName: 'Id' },
];

describe('contact person on the order', () => {
  it('finds the customer’s person by name, spaces and case aside, and only with an id', () => {
    expect(matchPerson(persons, '  ann   LEE ')?.id).toBe('p1');
    expect(matchPerson(persons, 'No Id')).toBeUndefined();
    expect(matchPerson(persons, '')).toBeUndefined();
  });

  it('offers the names once, the primary first', () => {
    expect(personChoices([...persons, { id: 'p3', firstName: 'Ann', lastName: 'Lee' }])).toEqual(['Bo', 'Ann Lee', 'No Id']);
  });

  it('sends a picked person’s id with its name', () => {
    expect(contactPersonFields(persons, 'Ann Lee', undefined)).toEqual({ contactPerson: 'Ann Lee', contactPersonId: 'p1' });
    // A known name never becomes a new person, even if the rep ticked "add".
    expect(contactPersonFields(persons, 'ann lee', { email: 'x@y.z', phone: '' })).toEqual({ contactPerson: 'ann lee', contactPersonId: 'p1' });
  });

  it('prints another name only, unless the rep adds it: then name, email and phone go to Zoho', () => {
    expect(contactPersonFields(persons, 'Dana Buyer', undefined)).toEqual({ contactPerson: 'Dana Buyer' });
    expect(contactPersonFields(persons, ' Dana  van Buyer ', { email: ' dana@shop.example ', phone: '+1 555 0101' })).toEqual({
      contactPerson: 'Dana van Buyer',
      newContactPerson: { firstName: 'Dana', lastName: 'van Buyer', email: 'dana@shop.example', phone: '+1 555 0101' },
    });
    expect(contactPersonFields(persons, 'Cher', { email: '', phone: '' })).toEqual({ contactPerson: 'Cher', newContactPerson: { firstName: 'Cher' } });
    expect(contactPersonFields(persons, '   ', { email: 'a@b.c', phone: '' })).toEqual({});
  });
});
