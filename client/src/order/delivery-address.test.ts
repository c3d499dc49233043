/** The details screen's starting delivery address: shipping first, billing when shipping is empty. */
import { addressChoices, addressIdOf, isBlank, startingAddress } from './delivery-address';

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

describe('addressChoices and addressIdOf', () => {
  const customer = {
    shippingAddress: { id: 'S1', address: '150 Market St', city: 'Austin', zip: '78701' },
    billingAddress: { id: 'B1', address: '1 Office Way', city: 'Dallas' },
  };

  it("offers the customer's Zoho addresses with their ids, each once", () => {
    expect(addressChoices(customer).map((c) => [c.id, c.label])).toEqual([
      ['S1', 'Shipping address: 150 Market St, Austin, 78701'],
      ['B1', 'Billing address: 1 Office Way, Dallas'],
    ]);
    expect(addressChoices({ shippingAddress: customer.shippingAddress, billingAddress: customer.shippingAddress })).toHaveLength(1);
    // A device-made customer's addresses have no Zoho id yet: nothing to pick.
    expect(addressChoices({ shippingAddress: { address: '1 New St' } })).toEqual([]);
  });

  it('names the picked address while it is unchanged, and none once the rep edits it', () => {
    const choices = addressChoices(customer);
    expect(addressIdOf(choices[1]!.address, choices)).toBe('B1');
    expect(addressIdOf({ ...choices[1]!.address, city: 'Dallas ' }, choices)).toBe('B1');
    expect(addressIdOf({ ...choices[1]!.address, city: 'Houston' }, choices)).toBeUndefined();
  });
});
