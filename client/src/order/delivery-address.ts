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

export interface AddressChoice {
  /** Zoho's address id. */
  id: string;
  label: string;
  address: Address;
}

const asForm = (a: AddressRecord): Address => Object.fromEntries(ADDRESS_KEYS.map((k) => [k, a[k] ?? ''])) as Address;
const oneLine = (a: AddressRecord) => [a.address, a.city, a.zip].filter((x) => x?.trim()).join(', ');

/** The customer's addresses Zoho knows (with their ids), shipping first, each once. */
export function addressChoices(customer: { shippingAddress?: AddressRecord; billingAddress?: AddressRecord } | undefined): AddressChoice[] {
  const out: AddressChoice[] = [];
  for (const [a, kind] of [
    [customer?.shippingAddress, 'Shipping address'],
    [customer?.billingAddress, 'Billing address'],
  ] as const) {
    if (!filled(a) || !a.id || out.some((c) => c.id === a.id)) continue;
    out.push({ id: a.id, label: `${kind}: ${oneLine(a)}`, address: asForm(a) });
  }
  return out;
}

/**
 * The Zoho address the delivery address is, field for field; undefined once the rep changed it
 * (Zoho then keeps the customer's default, and the PDF prints what the rep typed).
 */
export function addressIdOf(typed: Address, choices: readonly AddressChoice[]): string | undefined {
  const norm = (v: string | undefined) => (v ?? '').trim();
  return choices.find((c) => ADDRESS_KEYS.every((k) => norm(c.address[k]) === norm(typed[k])))?.id;
}

/** Nothing typed yet: every field blank (so a customer whose address arrives later still fills it). */
export const isBlank = (a: Address) => ADDRESS_KEYS.every((k) => !a[k]?.trim());
