/**
 * A contact's people (`/contacts/{id}/contactpersons`, `/contacts/contactpersons/{id}`) and
 * further addresses (`/contacts/{id}/address`), and `PUT /contacts/{id}`, as Zoho's contact and
 * contact-person descriptions give them.
 */
import { type Router, type Request } from 'express';
import { reply, type SandboxContext } from '../context';
import { listFilter } from '../list-filters';
import { publicContact } from '../store';
import { body, handle, id } from './http';

const param = (req: Request, name: string): string => String(req.params[name]);

export function contactPartRoutes(r: Router, ctx: SandboxContext): void {
  const parts = ctx.store.contactParts;

  r.post(
    '/contacts/contactpersons',
    handle((req, res) => reply(res, 201, { contact_person: parts.addPerson(body(req)) }, 'The contactperson has been Created')),
  );
  r.put(
    '/contacts/contactpersons/:personId',
    handle((req, res) =>
      reply(res, 200, { contact_person: parts.updatePerson(param(req, 'personId'), body(req)) }, 'The contactperson details has been updated.'),
    ),
  );
  r.delete(
    '/contacts/contactpersons/:personId',
    handle((req, res) => {
      parts.deletePerson(param(req, 'personId'));
      reply(res, 200, {}, 'The contact person has been deleted.');
    }),
  );
  r.post(
    '/contacts/contactpersons/:personId/primary',
    handle((req, res) => {
      parts.markPrimary(param(req, 'personId'));
      reply(res, 200, {}, 'This contact person has been marked as your primary contact person.');
    }),
  );
  r.get(
    '/contacts/:id/contactpersons',
    handle((req, res) => {
      listFilter(req, {}); // Zoho documents no filter here: any parameter but paging is refused
      reply(res, 200, { contact_persons: parts.persons(id(req)) });
    }),
  );
  r.get(
    '/contacts/:id/contactpersons/:personId',
    handle((req, res) => reply(res, 200, { contact_person: parts.person(id(req), param(req, 'personId')) })),
  );

  r.get(
    '/contacts/:id/address',
    handle((req, res) => reply(res, 200, { addresses: parts.addresses(id(req)) })),
  );
  r.post(
    '/contacts/:id/address',
    handle((req, res) => reply(res, 201, { address_info: parts.addAddress(id(req), body(req)) }, 'The address has been created.')),
  );
  r.put(
    '/contacts/:id/address/:addressId',
    handle((req, res) => reply(res, 200, { address_info: parts.updateAddress(id(req), param(req, 'addressId'), body(req)) }, 'The address has been updated.')),
  );
  r.delete(
    '/contacts/:id/address/:addressId',
    handle((req, res) => {
      parts.deleteAddress(id(req), param(req, 'addressId'));
      reply(res, 200, {}, 'The address has been deleted.');
    }),
  );

  r.put(
    '/contacts/:id',
    handle((req, res) => {
      const contact = parts.updateContact(id(req), body(req), (pb) => ctx.store.hasPriceBook(pb));
      reply(res, 200, { contact: publicContact(contact) }, 'Contact has been updated successfully.');
    }),
  );
}
