/**
 * Contacts, contact persons and contact addresses. Read from api-evangelist/zoho-inventory
 * `openapi/zoho-inventory-contacts-api-openapi.yml` (create_contact, update_contact, get_contact,
 * list_contacts, get_contact_address, mark_contact_as_active / _inactive) and
 * `openapi/zoho-inventory-contact-persons-api-openapi.yml` (create/update/list/get contact person);
 * Books' contacts page (zoho.com/books/api/v3/contacts) adds `customer_sub_type` (business |
 * individual) and `credit_limit` (double), and the address endpoints (`POST /contacts/{id}/address`).
 * The description types a few fields wrongly by the look of its own examples: `tax_id` "boolean"
 * with an id as example (read as a string id), amounts "integer" with `1369.66` (read as numbers).
 */
import * as z from 'zod';
import { address, addressFields, customFieldValue, customFieldValueRequest, entityAnswer, listAnswer, messageAnswer, zohoId } from './common';
import { BOOKS_CONTACTS_LIST, CONTACTS_LIST, CONTACT_PERSONS_LIST, listQuerySchema } from './filters';

const communicationPreference = z.strictObject({
  is_sms_enabled: z.boolean().optional(),
  is_whatsapp_enabled: z.boolean().optional(),
  is_email_enabled: z.boolean().optional(),
});

const contactPersonRequestFields = {
  salutation: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  mobile: z.string().optional(),
  skype: z.string().optional(),
  designation: z.string().optional(),
  department: z.string().optional(),
  is_primary_contact: z.boolean().optional(),
  enable_portal: z.boolean().optional(),
  communication_preference: communicationPreference.optional(),
};

/** A contact's address in a create or update (no `address_id`: that is Zoho's). */
const contactAddressRequest = z.strictObject({
  attention: addressFields.attention,
  address: addressFields.address,
  street2: addressFields.street2,
  city: addressFields.city,
  state: addressFields.state,
  state_code: addressFields.state_code,
  zip: addressFields.zip,
  country: addressFields.country,
  phone: addressFields.phone,
  fax: addressFields.fax,
});

const contactRequestFields = {
  contact_name: z.string().min(1).max(200),
  company_name: z.string().max(200).optional(),
  payment_terms: z.number().int().optional(),
  payment_terms_label: z.string().optional(),
  currency_id: zohoId.optional(),
  website: z.string().optional(),
  contact_type: z.enum(['customer', 'vendor']).optional(),
  customer_sub_type: z.enum(['business', 'individual']).optional(),
  credit_limit: z.number().optional(),
  pricebook_id: zohoId.optional(),
  custom_fields: z.array(customFieldValueRequest).optional(),
  billing_address: contactAddressRequest.optional(),
  shipping_address: contactAddressRequest.optional(),
  contact_persons: z.array(z.strictObject({ contact_person_id: zohoId.optional(), ...contactPersonRequestFields })).optional(),
  language_code: z.string().optional(),
  notes: z.string().optional(),
  is_taxable: z.boolean().optional(),
  tax_id: zohoId.optional(),
  tax_exemption_id: zohoId.optional(),
  tax_authority_id: zohoId.optional(),
  tax_reg_no: z.string().optional(),
  vat_reg_no: z.string().optional(),
  country_code: z.string().optional(),
  facebook: z.string().optional(),
  twitter: z.string().optional(),
};

/** `POST /contacts`. */
export const contactCreate = z.strictObject(contactRequestFields);
/** `PUT /contacts/{id}` (contact_name required there too). */
export const contactUpdate = z.strictObject(contactRequestFields);
export const contactListQuery = listQuerySchema(CONTACTS_LIST);
/** Books' contacts list: Inventory's filters and `contact_type`, the CRM ids, more views (filters.ts). */
export const booksContactListQuery = listQuerySchema(BOOKS_CONTACTS_LIST);

export const contactPerson = z.looseObject({
  contact_id: z.string().optional(),
  contact_person_id: zohoId,
  salutation: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  mobile: z.string().optional(),
  is_primary_contact: z.boolean().optional(),
  designation: z.string().optional(),
  department: z.string().optional(),
});

export const contact = z.looseObject({
  contact_id: zohoId,
  contact_name: z.string().min(1),
  company_name: z.string().optional(),
  contact_type: z.enum(['customer', 'vendor']).optional(),
  customer_sub_type: z.enum(['business', 'individual']).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  primary_contact_id: z.string().optional(),
  payment_terms: z.number().int().optional(),
  payment_terms_label: z.string().optional(),
  currency_id: z.string().optional(),
  currency_code: z.string().optional(),
  pricebook_id: z.string().optional(),
  credit_limit: z.number().optional(),
  outstanding_receivable_amount: z.number().optional(),
  unused_credits_receivable_amount: z.number().optional(),
  is_taxable: z.boolean().optional(),
  tax_id: z.string().optional(),
  tax_exemption_id: z.string().optional(),
  custom_fields: z.array(customFieldValue).optional(),
  billing_address: address.optional(),
  shipping_address: address.optional(),
  contact_persons: z.array(contactPerson.partial({ contact_person_id: true })).optional(),
  notes: z.string().optional(),
  created_time: z.string().optional(),
  last_modified_time: z.string().optional(),
});

/** A list entry (list_contacts): the primary person's name, e-mail and phone at top level. */
export const contactSummary = z.looseObject({
  contact_id: zohoId,
  contact_name: z.string().min(1),
  company_name: z.string().optional(),
  contact_type: z.enum(['customer', 'vendor']).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  payment_terms: z.number().int().optional(),
  payment_terms_label: z.string().optional(),
  currency_id: z.string().optional(),
  currency_code: z.string().optional(),
  outstanding_receivable_amount: z.number().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  mobile: z.string().optional(),
  created_time: z.string().optional(),
  last_modified_time: z.string().optional(),
});

export const contactAnswer = entityAnswer('contact', contact);
export const contactListAnswer = listAnswer('contacts', contactSummary);
export const contactStatusAnswer = messageAnswer;

/** `POST /contacts/contactpersons` (`contact_id` names the contact) and `PUT /contacts/contactpersons/{id}` (required there). */
export const contactPersonCreate = z.strictObject({ contact_id: zohoId, ...contactPersonRequestFields, first_name: z.string().min(1) });
export const contactPersonUpdate = contactPersonCreate;
export const contactPersonListQuery = listQuerySchema(CONTACT_PERSONS_LIST);

/**
 * The create and update answers show `contact_person` as an array (machine-flattened, by the look
 * of it: get_contact_person shows one object): both readings are accepted.
 */
export const contactPersonWritten = entityAnswer('contact_person', z.union([contactPerson, z.array(contactPerson).length(1)]));
export const contactPersonAnswer = entityAnswer('contact_person', contactPerson);
/** list_contact_persons shows no page_context: with or without one. */
export const contactPersonListAnswer = listAnswer('contact_persons', contactPerson, { pageContext: 'optional' });

/** `POST /contacts/{id}/address` (Books: "Add additional address") and `PUT /contacts/{id}/address/{address_id}`. */
export const contactAddressCreate = z.strictObject(addressFields);
/** `GET /contacts/{id}/address` answers `addresses` (no page_context in the description). */
export const contactAddressListAnswer = z.looseObject({ code: z.literal(0), message: z.string(), addresses: z.array(address.required({ address_id: true })) });
export const contactAddressAnswer = entityAnswer('address_info', address.required({ address_id: true }));
