/**
 * The customer-edit workflow's one step (customer-update.workflow.ts): a rep's phone or email edit
 * written to the Zoho contact once. The contact is read first; each field is merged by the domain's
 * rule (mergeCustomerEdit: Zoho changed since the device saw it → Zoho's newer value kept, and said);
 * only what differs is written, as the contact's primary person (Zoho's email and phone are that
 * person's), beside its other persons unchanged. The outcome is stored once: a retry after a lost
 * answer reads Zoho already holding the rep's values and records "applied", never writing twice.
 * A contact's edits go in the order the rep made them (a later one waits for an earlier one).
 */
import { ApplicationFailure } from '@temporalio/activity';
import { editMessage, mergeCustomerEdit, type CustomerEditSummary, type EditedField } from '../../domain';
import type { Database } from '../../server/db/connect';
import { customerEditView } from '../../server/db/customer-edit-models';
import type { ZohoClient, ZohoContact, ZohoContactPerson } from '../../zoho/connector';
import { ZohoAuthError, ZohoNotFoundError, ZohoValidationError } from '../../zoho/connector/errors';
import { FailureType } from '../failure-types';
import { asActivities } from './failures';
import { withHeartbeat } from './heartbeat';

export interface CustomerEditActivityDeps {
  db: Database;
  zoho: ZohoClient;
}

/** The contact's persons as an update sends them: each by id, the primary one with the new values. */
export function personsWith(contact: ZohoContact, write: Partial<Record<EditedField, string>>): ZohoContactPerson[] {
  const persons = contact.contact_persons ?? [];
  const primary = persons.find((p) => p.is_primary_contact) ?? persons[0];
  if (!primary) return [{ first_name: contact.contact_name, ...write }];
  return persons.map(({ contact_person_id, first_name, last_name, email, phone, mobile }) => ({
    contact_person_id,
    first_name,
    last_name,
    email,
    phone,
    mobile,
    ...(contact_person_id === primary.contact_person_id ? write : {}),
  }));
}

export function createCustomerEditActivities({ db, zoho }: CustomerEditActivityDeps) {
  return asActivities({
    async applyCustomerEdit(editId: string): Promise<CustomerEditSummary> {
      const row = await db.CustomerEdit.findByPk(editId);
      if (!row) throw ApplicationFailure.nonRetryable(`No customer edit ${editId}`, FailureType.NotInZoho);
      if (row.status !== 'pending') return customerEditView(row);
      const edit = row.payload;
      // A contact's edits reach Zoho in the order the rep made them: an earlier one still pending goes first.
      const earlier = await db.CustomerEdit.findAll({ where: { zohoContactId: row.zohoContactId, status: 'pending' } });
      if (earlier.some((e) => e.id !== row.id && e.payload.createdAt < edit.createdAt)) {
        throw ApplicationFailure.retryable(`An earlier change of customer ${row.zohoContactId} goes to Zoho first`, FailureType.NotReady);
      }
      try {
        const merge = await withHeartbeat(async () => {
          const contact = await zoho.contacts.get(edit.zohoContactId);
          const m = mergeCustomerEdit(edit, { email: contact.email, phone: contact.phone });
          if (Object.keys(m.write).length)
            await zoho.contacts.update(contact.contact_id, { contact_name: contact.contact_name, contact_persons: personsWith(contact, m.write) });
          return m;
        });
        await row.update({
          status: Object.keys(merge.kept).length ? 'conflict' : 'applied',
          outcome: { applied: merge.applied, kept: merge.kept },
          message: editMessage(merge),
        });
      } catch (err) {
        // A connection an admin must fix: the edit waits (retried with backoff), it has not failed.
        if (err instanceof ZohoAuthError) throw ApplicationFailure.retryable(err.message, FailureType.NotReady);
        if (!(err instanceof ZohoValidationError || err instanceof ZohoNotFoundError)) throw err;
        const message =
          err instanceof ZohoNotFoundError ? 'This customer is no longer in Zoho: the edit was not sent' : `Zoho refused the edit: ${err.message}`;
        await row.update({ status: 'failed', outcome: { applied: {}, kept: {} }, message });
      }
      return customerEditView(row);
    },
  });
}

export type CustomerEditActivities = ReturnType<typeof createCustomerEditActivities>;
