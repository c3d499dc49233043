/**
 * Where the delivery address on the details screen starts: the customer's shipping address, or
 * the billing address when the shipping one is empty (Zoho keeps both, often only one filled).
 */
import type { Address, AddressRecord } from '../domain';

export const ADDRESS_KEYS = ['attention', 'address', 'city', 'zip', 'country'] as const satisfies ReadonlyArray<keyof Address>;

const filled = (a: AddressRecord | undefined): a is AddressRecord => !!a && ADDRESS_KEYS.some((k) => a[k]?.trim());

/** The form's starting values, or undefined when the customer has no address to start from. */
export function startingAddress(customer: { shippingAddress?: AddressRecord; billingAddress?: AddressRecord } | undefined): Address | undefined {
  const a = filled(customer?.shippingAddress) ? customer.shippingAddress : filled(customer?.billingAddress) ? customer.billingAddress : undefined;
  return a && (Object.fromEntries(ADDRESS_KEYS.map((k) => [k, a[k] ?? ''])) as Address);
}

/** Nothing typed yet: every field blank (so a customer whose address arrives later still fills it). */
export const isBlank = (a: Address) => ADDRESS_KEYS.every((k) => !a[k]?.trim());
