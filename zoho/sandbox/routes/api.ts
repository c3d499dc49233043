/** Inventory (`/inventory/v1`) and Books (`/books/v3`) resources. Thin: parse, call the store, answer. */
import type { ZohoProduct } from '../../../domain';
import { Router, type Request, type Response } from 'express';
import { fail, reply, type SandboxContext } from '../context';
import { CODES } from '../errors';
import { parseMultipart } from '../multipart';
import { listFilter } from '../list-filters';
import { itemPng } from '../png';
import { publicContact, type DocKind } from '../store';
import type { Contact, Item, PriceBook, SalesDocument } from '../types';
import { contactPartRoutes } from './contact-parts';
import { body, handle, id, paging, q } from './http';
import { settingsRoutes } from './settings';

export function apiRouter(product: ZohoProduct, ctx: SandboxContext): Router {
  const r = Router();
  const s = ctx.store;

  r.get(
    '/organizations',
    handle((_req, res) => reply(res, 200, { organizations: [s.organization] })),
  );
  r.get(
    '/organizations/:id',
    handle((req, res) => {
      if (id(req) !== s.organization.organization_id) return fail(res, 404, CODES.notFound, 'Organization does not exist.');
      reply(res, 200, { organization: s.organization });
    }),
  );

  r.get(
    '/items',
    handle((req, res) => {
      const where = listFilter<Item>(req, {
        text: { name: (i) => [i.name], sku: (i) => [i.sku] },
        views: { 'Status.All': () => true, 'Status.Active': (i) => i.status === 'active', 'Status.Inactive': (i) => i.status === 'inactive' },
        handled: ['search_text', 'last_modified_time', 'status'],
      });
      const status = q(req, 'status');
      if (status !== undefined && status !== 'active' && status !== 'inactive') return fail(res, 400, CODES.invalidValue, 'Invalid value passed for status');
      const { rows, page_context } = s.listItems({
        ...paging(req),
        where: (i) => where(i) && (status === undefined || i.status === status),
        product,
        modifiedSince: q(req, 'last_modified_time'),
        sortColumn: q(req, 'sort_column'),
        sortOrder: q(req, 'sort_order'),
        searchText: q(req, 'search_text'),
      });
      reply(res, 200, { items: rows, page_context });
    }),
  );
  r.get(
    '/items/:id',
    handle((req, res) => reply(res, 200, { item: s.getItem(id(req)) })),
  );
  r.get(
    '/items/:id/image',
    handle((req, res) => {
      const item = s.getItem(id(req));
      if (!item.image_name) return fail(res, 404, CODES.notFound, 'Image does not exist.');
      res.type('image/png').set('content-disposition', `inline; filename="${item.image_name}"`).send(itemPng(item.item_id));
    }),
  );

  r.get(
    '/pricebooks',
    handle((req, res) => {
      const where = listFilter<PriceBook>(req, {
        views: {
          'SalesOrPurchaseType.All': () => true,
          'SalesOrPurchaseType.Sales': (p) => p.sales_or_purchase_type === 'sales',
          'SalesOrPurchaseType.Purchases': (p) => p.sales_or_purchase_type === 'purchases',
        },
        handled: ['search_text'],
      });
      const text = q(req, 'search_text')?.toLowerCase();
      const { rows, page_context } = s.listPriceBooks({ ...paging(req), where: (p) => where(p) && (!text || p.name.toLowerCase().includes(text)) });
      reply(res, 200, { pricebooks: rows, page_context });
    }),
  );
  r.get(
    '/pricebooks/:id',
    handle((req, res) => reply(res, 200, { pricebook: s.getPriceBook(id(req)) })),
  );

  // The organization's custom fields per entity; both readings the connector speaks
  // (zoho/connector/resources/custom-fields.ts): /settings/customfields?module=… and /settings/preferences/<entity>s.
  r.get(
    '/settings/customfields',
    handle((req, res) => {
      const entity = q(req, 'module') ?? q(req, 'entity');
      reply(res, 200, { customfields: s.listCustomFields(entity) });
    }),
  );
  for (const entity of ['salesorder', 'estimate', 'contact'] as const) {
    if (entity === 'estimate' && product !== 'books') continue;
    r.get(
      `/settings/preferences/${entity}s`,
      handle((_req, res) => {
        reply(res, 200, { [`preferences_${entity}s`]: { custom_fields: s.listCustomFields(entity) } });
      }),
    );
  }

  if (product === 'inventory') {
    r.get(
      '/locations',
      handle((req, res) => {
        listFilter(req, { handled: ['is_hierarchical_response', 'location_type'] });
        const type = q(req, 'location_type');
        if (type !== undefined && type !== 'general' && type !== 'line_item_only')
          return fail(res, 400, CODES.invalidValue, 'Invalid value passed for location_type');
        const hierarchical = q(req, 'is_hierarchical_response');
        if (hierarchical !== undefined && hierarchical !== 'true' && hierarchical !== 'false')
          return fail(res, 400, CODES.invalidValue, 'Invalid value passed for is_hierarchical_response');
        const { rows, page_context } = s.listLocations({ ...paging(req), where: (l) => type === undefined || (l.type ?? 'general') === type });
        reply(res, 200, { locations: rows.map((l) => ({ ...l, type: l.type ?? 'general' })), page_context });
      }),
    );
  }

  r.get(
    '/contacts',
    handle((req, res) => {
      const where = listFilter<Contact>(req, {
        text: {
          contact_name: (c) => [c.contact_name],
          company_name: (c) => [c.company_name],
          email: (c) => [c.email, ...c.contact_persons.map((p) => p.email)],
          phone: (c) => [c.phone, ...c.contact_persons.flatMap((p) => [p.phone, p.mobile])],
        },
        views: {
          'Status.All': () => true,
          'Status.Active': (c) => String(c.status) === 'active',
          'Status.Inactive': (c) => String(c.status) === 'inactive',
          'Status.Customers': (c) => c.contact_type === 'customer',
          'Status.Vendors': (c) => c.contact_type === 'vendor',
        },
        handled: ['search_text', 'contact_type', 'last_modified_time'],
      });
      const { rows, page_context } = s.listContacts({
        ...paging(req),
        where,
        searchText: q(req, 'search_text'),
        contactType: q(req, 'contact_type'),
        modifiedSince: q(req, 'last_modified_time'),
        sortColumn: q(req, 'sort_column'),
        sortOrder: q(req, 'sort_order'),
      });
      reply(res, 200, { contacts: rows, page_context });
    }),
  );
  r.post(
    '/contacts',
    handle((req, res) => reply(res, 201, { contact: publicContact(s.createContact(body(req))) }, 'The contact has been added.')),
  );
  // Before /contacts/:id, so /contacts/contactpersons/... is not read as a contact id.
  contactPartRoutes(r, ctx);
  r.get(
    '/contacts/:id',
    handle((req, res) => reply(res, 200, { contact: publicContact(s.getContact(id(req))) })),
  );
  r.post(
    '/contacts/:id/active',
    handle((req, res) => {
      s.setContactStatus(id(req), 'active');
      reply(res, 200, {}, 'The contact has been marked as active.');
    }),
  );
  r.post(
    '/contacts/:id/inactive',
    handle((req, res) => {
      s.setContactStatus(id(req), 'inactive');
      reply(res, 200, {}, 'The contact has been marked as inactive.');
    }),
  );

  settingsRoutes(r, product, ctx);
  documentRoutes(r, ctx, product, 'salesorder');
  if (product === 'books') {
    documentRoutes(r, ctx, product, 'estimate');
    r.post(
      '/salesorders/:id/attachment',
      handle((req, res) => {
        const parts = Buffer.isBuffer(req.body) ? parseMultipart(req.body, req.get('content-type') ?? '') : [];
        const file = parts.find((p) => p.name === 'attachment' && p.filename !== undefined);
        if (!file) return fail(res, 400, CODES.invalidValue, 'Invalid value passed for attachment');
        s.addAttachment('salesorder', id(req), {
          file_name: file.filename ?? 'attachment',
          file_type: file.contentType,
          file_size: file.data.length,
          data: file.data.toString('base64'),
        });
        reply(res, 200, {}, 'Your file has been attached.');
      }),
    );
    r.get(
      '/salesorders/:id/attachment',
      handle((req, res) => {
        s.getDocument('salesorder', id(req));
        const last = s.attachments(id(req)).at(-1);
        if (!last) return fail(res, 404, CODES.notFound, 'Attachment does not exist.');
        res
          .type(last.file_type)
          .set('content-disposition', `attachment; filename="${last.file_name.replace(/"/g, '')}"`)
          .send(Buffer.from(last.data, 'base64'));
      }),
    );
  }

  r.use(methodNotAllowed(r));
  r.use((_req, res) => fail(res, 404, CODES.invalidUrl, 'Invalid URL Passed'));
  return r;
}

/** A known path asked with a method it does not take: Zoho answers 405 (its errors page), not 404. */
function methodNotAllowed(r: Router) {
  return (req: Request, res: Response, next: () => void) => {
    const allowed = new Set<string>();
    for (const layer of r.stack as unknown as Array<{ route?: { methods: Record<string, boolean> }; match(path: string): boolean }>) {
      if (layer.route && layer.match(req.path)) for (const [m, on] of Object.entries(layer.route.methods)) if (on) allowed.add(m.toUpperCase());
    }
    if (allowed.size === 0) return next();
    res.set('Allow', [...allowed].join(', '));
    fail(res, 405, CODES.invalidUrl, `The HTTP method ${req.method} is not allowed for this resource.`);
  };
}

function documentRoutes(r: Router, ctx: SandboxContext, product: ZohoProduct, kind: DocKind): void {
  const s = ctx.store;
  const path = kind === 'salesorder' ? '/salesorders' : '/estimates';
  const numberParam = kind === 'salesorder' ? 'salesorder_number' : 'estimate_number';
  const label = kind === 'salesorder' ? 'Sales Order' : 'Estimate';
  // Inventory confirms a sales order; Books opens it. Estimates (Books) are sent / accepted.
  const targets: readonly string[] =
    kind === 'estimate' ? ['sent', 'accepted', 'declined', 'void'] : product === 'inventory' ? ['confirmed', 'void'] : ['open', 'void'];

  r.get(
    path,
    handle((req, res) => {
      const where = listFilter<SalesDocument>(req, {
        text: { reference_number: (d) => [d.reference_number], customer_name: (d) => [d.customer_name] },
        handled: [numberParam, 'search_text', 'customer_id', 'status'],
      });
      const { rows, page_context } = s.listDocuments(kind, {
        ...paging(req),
        where,
        number: q(req, numberParam),
        searchText: q(req, 'search_text'),
        customerId: q(req, 'customer_id'),
        status: q(req, 'status'),
      });
      reply(res, 200, { [`${kind}s`]: rows, page_context });
    }),
  );
  r.post(
    path,
    handle((req, res) => {
      const doc = s.createDocument(kind, body(req), { ignoreAutoNumber: q(req, 'ignore_auto_number_generation') === 'true', product });
      reply(res, 201, { [kind]: doc }, `${label} has been created.`);
    }),
  );
  // Bulk confirm (Inventory) / open (Books): before `${path}/:id`, which would read "status" as an id.
  if (kind === 'salesorder') {
    const bulkTarget = product === 'inventory' ? 'confirmed' : 'open';
    r.post(
      `${path}/status/${bulkTarget}`,
      handle((req, res) => {
        const ids = (q(req, 'salesorder_ids') ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
        s.confirmMany(kind, ids, bulkTarget);
        reply(res, 200, {}, `The selected sales orders have been marked as ${bulkTarget}.`);
      }),
    );
  }
  r.get(
    `${path}/:id`,
    handle((req, res) => reply(res, 200, { [kind]: s.getDocument(kind, id(req)) })),
  );
  r.put(
    `${path}/:id`,
    handle((req, res) => {
      const doc = s.updateDocument(kind, id(req), body(req), { ignoreAutoNumber: q(req, 'ignore_auto_number_generation') === 'true', product });
      reply(res, 200, { [kind]: doc }, `${label} has been updated.`);
    }),
  );
  r.delete(
    `${path}/:id`,
    handle((req, res) => {
      s.deleteDocument(kind, id(req));
      reply(res, 200, {}, `The ${label.toLowerCase()} has been deleted.`);
    }),
  );
  r.post(
    `${path}/:id/status/:status`,
    handle((req, res) => {
      const target = String(req.params.status);
      if (!targets.includes(target)) return fail(res, 404, CODES.invalidUrl, 'Invalid URL Passed');
      s.setDocumentStatus(kind, id(req), target as 'confirmed');
      reply(res, 200, {}, `${label} status has been changed to ${target}.`);
    }),
  );
}
