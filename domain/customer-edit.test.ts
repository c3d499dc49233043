/** A rep's phone/email edit merged with Zoho's current values: Zoho unchanged → written; already there → nothing; changed meanwhile → Zoho's kept, said. */
import { CustomerEditSchema, editMessage, mergeCustomerEdit, type CustomerEdit } from '.';

const edit = (over: Partial<CustomerEdit>): CustomerEdit => ({
  id: '00000000-0000-4000-8000-00000000000e',
  zohoContactId: '460000000000001',
  before: { email: 'old@shop.example', phone: '+1 555 0100' },
  createdAt: '2026-12-01T09:00:00.000Z',
  ...over,
});

describe('customer edit merge', () => {
  it('writes a field Zoho has not changed since the device saw it (case and spaces aside)', () => {
    const m = mergeCustomerEdit(edit({ email: 'new@shop.example', phone: '+1 555 0199' }), { email: 'OLD@shop.example ', phone: '+1 555 0100' });
    expect(m).toEqual({ write: { email: 'new@shop.example', phone: '+1 555 0199' }, applied: { email: 'new@shop.example', phone: '+1 555 0199' }, kept: {} });
    expect(editMessage(m)).toBe('Saved in Zoho');
  });

  it('writes nothing when Zoho already has the rep’s value (a retry after a lost answer)', () => {
    const m = mergeCustomerEdit(edit({ phone: '+1 555 0199' }), { email: 'old@shop.example', phone: '+1 555 0199' });
    expect(m.write).toEqual({});
    expect(m.applied).toEqual({ phone: '+1 555 0199' });
  });

  it('keeps Zoho’s value of a field changed there since, writes the other, and says so', () => {
    const m = mergeCustomerEdit(edit({ email: 'new@shop.example', phone: '+1 555 0199' }), { email: 'old@shop.example', phone: '+1 555 0777' });
    expect(m.write).toEqual({ email: 'new@shop.example' });
    expect(m.kept).toEqual({ phone: { zoho: '+1 555 0777', yours: '+1 555 0199' } });
    expect(editMessage(m)).toBe(
      "The email saved in Zoho; the phone was changed in Zoho to +1 555 0777 since you edited it, so yours (+1 555 0199) was not sent. Edit it again to replace Zoho's",
    );
  });

  it('an empty value on either side is "none"', () => {
    const m = mergeCustomerEdit(edit({ before: {}, phone: '+1 555 0199' }), {});
    expect(m.write).toEqual({ phone: '+1 555 0199' });
  });

  it('the schema names the field it refuses and needs a change', () => {
    const bad = CustomerEditSchema.safeParse({ ...edit({}), email: 'not-an-email' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['email']);
    expect(CustomerEditSchema.safeParse(edit({})).error!.issues[0]!.message).toBe('change the email or the phone');
    expect(CustomerEditSchema.safeParse({ ...edit({ phone: '1' }), extra: 1 }).success).toBe(false);
  });
});
