/**
 * Demo only (sandbox mode): a valid order built from the organization's own catalogue, so a
 * person trying Satchel can push an order end to end with one click.
 */
import crypto from 'node:crypto';
import { fromDecimal, type OrderInput } from '../../domain';
import type { ZohoClient } from '../../zoho/connector';
import { AppError } from '../../server/errors';
import type { Config } from '../../config';
import { customNumber, ITEM_QUANTITY_FIELDS, type ItemQuantityFields } from '../../server/catalogue/zoho-records';

/** A quantity the order rules accept for the item: at least its minimum, in whole packs. */
export function quantityFor(item: Record<string, unknown>, wanted: number, fields: ItemQuantityFields = ITEM_QUANTITY_FIELDS): number {
  const minimum = customNumber(item, fields.minimumQuantity) ?? 0;
  const pack = customNumber(item, fields.packSize);
  const atLeast = Math.max(wanted, minimum);
  return pack ? Math.ceil(atLeast / pack) * pack : atLeast;
}

/** The demo helpers (/api/dev) exist with the sandbox only, and never in production, whatever Zoho is set to. */
export function demoHelpersAllowed(config: { env: Config['env']; zoho: Pick<Config['zoho'], 'sandbox'> }): boolean {
  return config.zoho.sandbox && config.env !== 'production';
}

export function createSampleOrderSource(zoho: ZohoClient, quantityFields: ItemQuantityFields = ITEM_QUANTITY_FIELDS): () => Promise<OrderInput> {
  return async () => {
    const [{ items }, customers] = await Promise.all([zoho.items.list({ page: 1, perPage: 10 }), zoho.contacts.list({ page: 1, perPage: 10 })]);
    // The contacts list has vendors too (it is not asked for customers only: Inventory documents no such filter).
    const customer = customers.contacts.find((c) => (c.contact_type ?? 'customer') === 'customer');
    const picked = items.filter((i) => i.status !== 'inactive').slice(0, 2);
    if (!customer || picked.length === 0) throw new AppError('not_found', 'The Zoho organization has no customers or items to build a sample order from');
    const currency = (customer.currency_code ?? 'USD').toUpperCase();
    return {
      id: crypto.randomUUID(),
      kind: 'order',
      customer: { zohoContactId: customer.contact_id, name: customer.contact_name },
      currency,
      lines: picked.map((item, n) => ({
        itemId: item.item_id,
        sku: item.sku || undefined,
        name: item.name,
        quantity: quantityFor(item, n + 1, quantityFields),
        unitPrice: fromDecimal(Number(item.rate ?? 0), currency),
        ...(item.tax_id ? { taxId: item.tax_id, taxPercent: Number(item.tax_percentage ?? 0) } : {}),
      })),
      notes: 'Demo order placed from the Satchel home screen',
      createdAt: new Date().toISOString(),
    };
  };
}
