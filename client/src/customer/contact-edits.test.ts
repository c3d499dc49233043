/** The customer screen's email and phone under the rep's edits: pending until Zoho has them, Zoho's kept value said, typed edits checked. */
import type { OutboxEntry } from '../store/outbox';
import { checkEdit, editNote, shownContact } from './contact-edits';

const customer = { email: 'old@shop.example', phone: '+1 555 0100' };
const entry = (over: Partial<OutboxEntry>, body: Record<string, unknown>): OutboxEntry =>
  ({
    id: 'e1',
    kind: 'customer-edit',
    customerId: 'zc-1',
    customerName: 'Shop',
    createdAt: '2026-12-01T09:00:00.000Z',
    seq: 1,
    state: 'queued',
    attempts: 0,
    body: { id: 'e1', zohoContactId: 'zc-1', before: { ...customer }, createdAt: '2026-12-01T09:00:00.000Z', ...body },
    ...over,
  }) as OutboxEntry;

describe('the customer’s email and phone under the rep’s edits', () => {
  it('an edit on the device or on its way shows the rep’s value, pending', () => {
    const queued = entry({}, { phone: '+1 555 0199' });
    expect(shownContact(customer, [queued])).toEqual({ email: 'old@shop.example', phone: '+1 555 0199', pending: { phone: true } });
    expect(editNote([queued])).toEqual({ tone: 'device', text: 'Your change is on this device: it goes to Zoho when there is a connection.' });
    const sent = entry({ state: 'sent', hub: { stage: 'pending' } }, { phone: '+1 555 0199' });
    expect(shownContact(customer, [sent]).pending).toEqual({ phone: true });
    expect(editNote([sent])!.tone).toBe('hub');
  });

  it('a saved edit shows what reached Zoho until the data set has it, then the data set’s value', () => {
    const applied = entry({ state: 'sent', hub: { stage: 'applied', edit: { applied: { phone: '+1 555 0199' }, kept: {} } } }, { phone: '+1 555 0199' });
    expect(shownContact(customer, [applied])).toEqual({ email: 'old@shop.example', phone: '+1 555 0199', pending: {} });
    expect(editNote([applied])).toEqual({ tone: 'zoho', text: 'Your change is saved in Zoho.' });
    // Synced since, and changed in Zoho again later: the data set's newer value wins.
    expect(shownContact({ ...customer, phone: '+1 555 0300' }, [applied]).phone).toBe('+1 555 0300');
  });

  it('a conflict shows Zoho’s kept value and says why; a refused edit shows nothing of it', () => {
    const conflict = entry(
      {
        state: 'sent',
        hub: {
          stage: 'conflict',
          attentionReason: 'the phone was changed in Zoho…',
          edit: { applied: {}, kept: { phone: { zoho: '+1 555 0777', yours: '+1 555 0199' } } },
        },
      },
      { phone: '+1 555 0199' },
    );
    expect(shownContact({ ...customer, phone: '+1 555 0777' }, [conflict]).phone).toBe('+1 555 0777');
    expect(editNote([conflict])).toEqual({ tone: 'attention', text: 'the phone was changed in Zoho…' });
    const rejected = entry({ state: 'rejected', rejection: { status: 400, message: 'Invalid customer edit: email', fields: [] } }, { email: 'x@y.z' });
    expect(shownContact(customer, [rejected]).email).toBe('old@shop.example');
    expect(editNote([rejected])!.text).toContain('refused');
  });

  it('checks what the rep typed and sends only what changed, with what the screen showed before', () => {
    expect(checkEdit('zc-1', customer, { email: ' OLD@shop.example', phone: '+1 555 0100' })).toEqual({ problems: { form: 'Nothing changed' } });
    expect(checkEdit('zc-1', customer, { email: 'nope', phone: 'call me' })).toEqual({
      problems: { email: 'Not an email address', phone: 'Digits, spaces and + ( ) - . / only' },
    });
    expect(checkEdit('zc-1', customer, { email: '', phone: '' })).toMatchObject({ problems: { email: 'Zoho keeps the email: enter one' } });
    expect(checkEdit('zc-1', customer, { email: 'old@shop.example', phone: ' +1  555 0199 ' })).toEqual({
      edit: { zohoContactId: 'zc-1', phone: '+1 555 0199', before: customer },
    });
  });
});
