/**
 * The organization's settings a client reads (`/settings/taxes` and tax groups, currencies,
 * payment terms, legacy warehouses), salespersons, and item groups (Inventory). Read-only: the
 * seed sets them, as an admin would in Zoho.
 */
import type { ZohoProduct } from '../../../domain';
import { type Router } from 'express';
import { fail, reply, type SandboxContext } from '../context';
import { CODES } from '../errors';
import { listFilter } from '../list-filters';
import { paginate } from '../store';
import type { ItemGroup, Tax } from '../types';
import { handle, id, paging } from './http';

export function settingsRoutes(r: Router, product: ZohoProduct, ctx: SandboxContext): void {
  const s = ctx.store;
  const taxById = (taxId: string) => s.taxes().find((t) => t.tax_id === taxId);

  r.get(
    '/settings/taxes',
    handle((req, res) => {
      listFilter(req, {}); // paging only: any other parameter is refused, not ignored
      const { rows, page_context } = paginate(s.taxes().map(listedTax), paging(req), 'tax_name', 'A');
      reply(res, 200, { taxes: rows, page_context });
    }),
  );
  r.get(
    '/settings/taxes/:id',
    handle((req, res) => {
      const tax = taxById(id(req));
      if (!tax || tax.tax_type === 'tax_group') return fail(res, 404, CODES.notFound, 'Tax does not exist.');
      reply(res, 200, { tax: listedTax(tax) });
    }),
  );
  r.get(
    '/settings/taxgroups/:id',
    handle((req, res) => {
      const group = taxById(id(req));
      if (!group || group.tax_type !== 'tax_group') return fail(res, 404, CODES.notFound, 'Tax group does not exist.');
      const members = (group.tax_ids ?? []).map(taxById).filter((t): t is Tax => t !== undefined);
      reply(res, 200, {
        tax_group: {
          tax_group_id: group.tax_id,
          tax_group_name: group.tax_name,
          tax_group_percentage: group.tax_percentage,
          taxes: members.map(listedTax),
        },
      });
    }),
  );

  r.get(
    '/settings/currencies',
    handle((req, res) => {
      const where = listFilter(req, { views: { 'Currencies.ExcludeBaseCurrency': (c: { is_base_currency: boolean }) => !c.is_base_currency } });
      reply(res, 200, { currencies: s.currencies().filter(where) });
    }),
  );
  r.get(
    '/settings/currencies/:id',
    handle((req, res) => {
      const currency = s.currencies().find((c) => c.currency_id === id(req));
      if (!currency) return fail(res, 404, CODES.notFound, 'Currency does not exist.');
      reply(res, 200, { currency });
    }),
  );

  r.get(
    '/settings/paymentterms',
    handle((req, res) => {
      listFilter(req, {});
      reply(res, 200, { payment_terms: s.paymentTerms() });
    }),
  );
  r.get(
    '/salespersons',
    handle((req, res) => {
      listFilter(req, {});
      reply(res, 200, { salespersons: s.salespersons() });
    }),
  );

  if (product !== 'inventory') return;

  r.get(
    '/units',
    handle((req, res) => {
      listFilter(req, { handled: ['include_unit_conversions'] });
      // No conversions are kept: a unit's list is empty with or without include_unit_conversions.
      const withConversions = req.query.include_unit_conversions === 'true';
      reply(res, 200, { units: s.units().map((u) => (withConversions ? { ...u, unit_conversions: [] } : u)) });
    }),
  );

  // Before multi-location, Inventory called locations warehouses; older clients still read these.
  r.get(
    '/settings/warehouses',
    handle((_req, res) => {
      const { rows } = s.listLocations({});
      reply(res, 200, {
        warehouses: rows.map((l) => ({
          warehouse_id: l.location_id,
          warehouse_name: l.location_name,
          is_primary: l.is_primary,
          status: l.status,
          ...l.address,
        })),
      });
    }),
  );

  r.get(
    '/itemgroups',
    handle((req, res) => {
      const where = listFilter<ItemGroup>(req, {
        text: { group_name: (g) => [g.group_name] },
        views: { 'Status.All': () => true, 'Status.Active': (g) => g.status === 'active', 'Status.Inactive': (g) => g.status === 'inactive' },
      });
      const { rows, page_context } = paginate(s.itemGroups().filter(where), paging(req), 'group_name', 'A');
      reply(res, 200, { itemgroups: rows.map((g) => groupAnswer(g, s.items())), page_context });
    }),
  );
  r.get(
    '/itemgroups/:id',
    handle((req, res) => {
      const group = s.itemGroups().find((g) => g.group_id === id(req));
      if (!group) return fail(res, 404, CODES.notFound, 'Item group does not exist.');
      reply(res, 200, { item_group: groupAnswer(group, s.items()) });
    }),
  );
}

/** A tax as the list shows it (a group's member ids are internal: `/settings/taxgroups/{id}` lists them). */
function listedTax(t: Tax) {
  const { tax_ids, ...rest } = t;
  void tax_ids;
  return rest;
}

/** A group with its attributes and variants, in Zoho's flattened attribute fields. */
function groupAnswer(g: ItemGroup, items: ReadonlyArray<{ item_id: string; [k: string]: unknown }>) {
  const ids = new Set(g.item_ids);
  const { attributes, item_ids, ...rest } = g;
  void item_ids;
  return {
    ...rest,
    ...Object.fromEntries(
      attributes.flatMap((a, n) => [
        [`attribute_id${n + 1}`, a.id],
        [`attribute_name${n + 1}`, a.name],
      ]),
    ),
    attributes,
    items: items
      .filter((it) => ids.has(it.item_id))
      .map((it) => ({
        item_id: it.item_id,
        name: it.name,
        status: it.status,
        rate: it.rate,
        sku: it.sku,
        ean: it.ean,
        stock_on_hand: it.stock_on_hand,
        available_stock: it.available_stock,
        actual_available_stock: it.actual_available_stock,
        attribute_option_name1: it.attribute_option_name1,
        attribute_option_name2: it.attribute_option_name2,
        image_name: it.image_name,
      })),
  };
}
