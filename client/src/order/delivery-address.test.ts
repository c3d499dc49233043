/** The details screen's starting delivery address: shipping first, billing when shipping is empty. */
import { isBlank, startingAddress } from './delivery-address';

describe('startingAddress', () => {
  const shipping = { attention: 'Receiving', address: '150 Market St', city: 'Austin', zip: '78701', country: 'USA', phone: '555' };
  const billing = { address: '1 Office Way', city: 'Dallas' };

  it('starts from the shipping address', () => {
    expect(startingAddress({ shippingAddress: shipping, billingAddress: billing })).toEqual({
      attention: 'Receiving',
      address: '150 Market St',
      city: 'Austin',
      zip: '78701',
      country: 'USA',
    });
  });

  it('takes the billing address when the shipping one has nothing in it', () => {
    expect(startingAddress({ shippingAddress: { phone: '555', address: ' ' }, billingAddress: billing })).toMatchObject({
      address: '1 Office Way',
      city: 'Dallas',
    });
    expect(startingAddress({ billingAddress: billing })?.city).toBe('Dallas');
  });

  it('gives nothing for a customer without an address', () => {
    expect(startingAddress({})).toBeUndefined();
    expect(startingAddress(undefined)).toBeUndefined();
  });

  it('treats a form of empty fields as blank, a typed one as not', () => {
    expect(isBlank({})).toBe(true);
    expect(isBlank({ address: '', city: ' ' })).toBe(true);
    expect(isBlank({ city: 'Austin' })).toBe(false);
  });
});
