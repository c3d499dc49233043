/**
 * The rep's phone and email edits of a Zoho customer, as the customer screen shows them: the values
 * to show (an edit not yet in the data set shows its own, marked pending), what became of the latest
 * edit in the rep's words, and a typed edit checked and made into what the outbox sends.
 */
import type { CustomerEdit, EditedField } from '../domain';
import type { OutboxEntry } from '../store/outbox';
import { looksLikeEmail } from '../order/checks';

export interface ShownContact {
  email?: string;
  phone?: string;
  /** Fields showing a value Zoho does not have yet (the edit is on the device or on its way). */
  pending: Partial<Record<EditedField, true>>;
}

const FIELDS: EditedField[] = ['email', 'phone'];
const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/**
 * The customer's email and phone with the rep's edits over them, oldest first: one not yet finished
 * shows the rep's value, pending; a finished one shows what reached Zoho while the data set still
 * has the value from before the edit (after the next sync the data set's own value is shown).
 */
export function shownContact(customer: { email?: string; phone?: string }, edits: readonly OutboxEntry[]): ShownContact {
  const out: ShownContact = { email: customer.email, phone: customer.phone, pending: {} };
  for (const e of edits) {
    if (e.kind !== 'customer-edit' || e.state === 'rejected') continue;
    const edit = e.body as CustomerEdit;
    const status = e.state === 'sent' ? e.hub?.stage : 'queued';
    if (status === 'failed') continue;
    for (const f of FIELDS) {
      if (edit[f] === undefined) continue;
      if (status === 'applied' || status === 'conflict') {
        const reached = e.hub?.edit?.applied[f];
        if (reached !== undefined && same(customer[f], edit.before[f])) out[f] = reached;
      } else {
        out[f] = edit[f];
        out.pending[f] = true;
      }
    }
  }
  return out;
}

/** What became of the rep's latest edit of this customer, for the customer screen. */
export function editNote(edits: readonly OutboxEntry[]): { tone: 'device' | 'hub' | 'zoho' | 'attention'; text: string } | undefined {
  const e = [...edits].reverse().find((x) => x.kind === 'customer-edit');
  if (!e) return undefined;
  if (e.state === 'rejected') return { tone: 'attention', text: `The hub refused your change: ${e.rejection?.message ?? 'no reason given'}` };
  if (e.state === 'queued') return { tone: 'device', text: 'Your change is on this device: it goes to Zoho when there is a connection.' };
  switch (e.hub?.stage) {
    case 'applied':
      return { tone: 'zoho', text: 'Your change is saved in Zoho.' };
    case 'conflict':
    case 'failed':
      return { tone: 'attention', text: e.hub.attentionReason ?? 'Your change did not reach Zoho.' };
    default:
      return { tone: 'hub', text: 'Your change is on its way to Zoho.' };
  }
}

export type EditCheck = { edit: Omit<CustomerEdit, 'id' | 'createdAt'> } | { problems: Partial<Record<EditedField | 'form', string>> };

/** The typed values as an edit of what the screen showed, or what is wrong with them. Unchanged fields are left out. */
export function checkEdit(zohoContactId: string, shown: { email?: string; phone?: string }, typed: { email: string; phone: string }): EditCheck {
  const email = typed.email.trim();
  const phone = typed.phone.trim().replace(/\s+/g, ' ');
  const problems: Partial<Record<EditedField | 'form', string>> = {};
  const emailChanged = !same(email, shown.email);
  const phoneChanged = !same(phone, shown.phone);
  if (emailChanged && !email) problems.email = 'Zoho keeps the email: enter one';
  else if (emailChanged && !looksLikeEmail(email)) problems.email = 'Not an email address';
  if (phoneChanged && phone.length > 50) problems.phone = 'At most 50 characters';
  if (phoneChanged && /[^0-9+()\-. /x]/i.test(phone)) problems.phone = 'Digits, spaces and + ( ) - . / only';
  if (!emailChanged && !phoneChanged) problems.form = 'Nothing changed';
  if (Object.keys(problems).length) return { problems };
  return {
    edit: {
      zohoContactId,
      ...(emailChanged ? { email } : {}),
      ...(phoneChanged ? { phone } : {}),
      before: { ...(shown.email ? { email: shown.email } : {}), ...(shown.phone ? { phone: shown.phone } : {}) },
    },
  };
}
