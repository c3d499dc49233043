/**
 * The demo organization on the sandbox's page: what a distributor's Zoho holds (locations, taxes
 * and groups, currencies, price lists, item groups, terms, salespersons, custom fields, and the
 * customers' currencies, lists, credit and status), so a person can see what the app is fed.
 */
import type { SandboxStore } from '../store';
import type { Contact } from '../types';
import { escapeHtml as e } from '../util';

const table = (head: string[], rows: string[][]) =>
  `<table><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr>${
    rows.length === 0
      ? `<tr><td colspan="${head.length}" class="muted">None.</td></tr>`
      : rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')
  }</table>`;

/** Customers worth a look first: the unusual ones (foreign, exempt, over their limit, inactive), then the rest. */
function notable(c: Contact): number {
  const over = (c.credit_limit ?? 0) > 0 && (c.outstanding_receivable_amount ?? 0) > (c.credit_limit ?? 0);
  return (c.status === 'inactive' ? 8 : 0) + (over ? 4 : 0) + (c.is_taxable === false ? 2 : 0) + (c.currency_code !== 'USD' ? 1 : 0);
}

export function organizationHtml(store: SandboxStore): string {
  const data = store.snapshot();
  const taxName = (id: string) => data.taxes.find((t) => t.tax_id === id)?.tax_name ?? id;
  const listName = (id: string) => data.pricebooks.find((p) => p.pricebook_id === id)?.name ?? '';
  const customers = [...data.contacts].sort((a, b) => notable(b) - notable(a)).slice(0, 40);
  const byCurrency = new Map<string, number>();
  for (const c of data.contacts) byCurrency.set(c.currency_code, (byCurrency.get(c.currency_code) ?? 0) + 1);
  return `<h2>Organization</h2>
<h3>Locations</h3>${table(
    ['Location', 'Primary', 'City'],
    data.locations.map((l) => [e(l.location_name), l.is_primary ? 'primary' : '', e(l.address.city)]),
  )}
<h3>Taxes</h3>${table(
    ['Tax', 'Type', 'Rate', 'Members'],
    store.taxes().map((t) => [e(t.tax_name), e(t.tax_type), `${t.tax_percentage} %`, e((t.tax_ids ?? []).map(taxName).join(' + '))]),
  )}
<h3>Currencies</h3>${table(
    ['Currency', 'Base', 'Exchange rate'],
    store.currencies().map((c) => [e(c.currency_code), c.is_base_currency ? 'base' : '', String(c.exchange_rate)]),
  )}
<h3>Price lists</h3>${table(
    ['List', 'Kind', 'Scheme', 'For', 'Currency', 'Items'],
    data.pricebooks.map((p) => [
      e(p.name),
      p.pricebook_type === 'fixed_percentage' ? `${p.is_increase ? '+' : '−'}${p.percentage} %` : 'per item',
      e(p.pricing_scheme),
      e(p.sales_or_purchase_type),
      e(p.currency_code),
      String(p.pricebook_items.length),
    ]),
  )}
<h3>Item groups (variants)</h3>${table(
    ['Group', 'Variants', 'Options'],
    store
      .itemGroups()
      .slice(0, 50)
      .map((g) => [e(g.group_name), String(g.item_ids.length), e(g.attributes.map((a) => `${a.name}: ${a.options.map((o) => o.name).join('/')}`).join('; '))]),
  )}
<h3>Payment terms, salespersons, custom fields</h3>${table(
    ['Payment terms', 'Salesperson', 'Custom field'],
    Array.from({ length: Math.max(store.paymentTerms().length, store.salespersons().length, (data.customfields ?? []).length) }, (_, i) => {
      const t = store.paymentTerms()[i];
      const p = store.salespersons()[i];
      const f = (data.customfields ?? [])[i];
      return [
        t ? e(t.payment_terms_label) : '',
        p ? `${e(p.salesperson_name)} (${e(p.salesperson_email)})` : '',
        f ? `${e(f.label)} (${e(f.entity)}, ${e(f.data_type)})` : '',
      ];
    }),
  )}
<h3>Customers</h3><p>${[...byCurrency].map(([c, n]) => `${n} in ${e(c)}`).join(' · ')} · ${data.contacts.filter((c) => c.status === 'inactive').length} inactive ·
${data.contacts.filter((c) => c.is_taxable === false).length} tax-exempt. The first ${customers.length}, unusual ones first:</p>${table(
    ['Customer', 'Status', 'Currency', 'Price list', 'Terms', 'Credit limit', 'Outstanding', 'Tax', 'People', 'Addresses'],
    customers.map((c) => [
      e(c.contact_name),
      e(c.status),
      e(c.currency_code),
      e(listName(c.pricebook_id)),
      e(c.payment_terms_label ?? `${c.payment_terms} days`),
      c.credit_limit ? String(c.credit_limit) : '',
      String(c.outstanding_receivable_amount ?? 0),
      c.is_taxable === false ? `exempt (${e(c.tax_exemption_code)})` : '',
      String(c.contact_persons.length),
      String(2 + (c.addresses ?? []).length),
    ]),
  )}`;
}
