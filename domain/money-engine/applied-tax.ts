/**
 * A line's tax id as the engine takes it: a simple tax is a group of one, a compound tax keeps its
 * flag, a tax group lists its member taxes in Zoho's order (`tax_ids`, compound ones last). One
 * reading of Zoho's tax settings for the cart, the hub and the tests; an unknown id or member is no
 * tax (the order's checks refuse it, as Zoho would).
 */
import type { AppliedTax } from './types';

/** A tax as Zoho's settings describe it (`GET /settings/taxes`), in the engine's words. */
export interface TaxSetting {
  name: string;
  percent: number;
  kind: 'tax' | 'compound_tax' | 'tax_group';
  /** Groups: the member taxes' ids. */
  memberIds?: readonly string[];
}

export function appliedTax(taxId: string | undefined, lookup: (id: string) => TaxSetting | undefined): AppliedTax | undefined {
  const tax = taxId ? lookup(taxId) : undefined;
  if (!taxId || !tax) return undefined;
  const members: Array<[string, TaxSetting | undefined]> = tax.kind === 'tax_group' ? (tax.memberIds ?? []).map((id) => [id, lookup(id)]) : [[taxId, tax]];
  if (members.length === 0 || members.some(([, m]) => !m || m.kind === 'tax_group')) return undefined;
  return { id: taxId, components: members.map(([id, m]) => ({ id, name: m!.name, percent: m!.percent, compound: m!.kind === 'compound_tax' })) };
}
