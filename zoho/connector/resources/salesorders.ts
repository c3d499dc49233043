import { ZohoValidationError } from '../errors';
import type { ZohoHttp } from '../http';
import type { SalesOrderPayload, ZohoSalesOrder } from '../types';
import { requireId, validateDocument } from '../validate';
import { enc, entity, list, PER_PAGE } from './common';
import { createOnce } from './idempotent';

export interface SalesOrderCreated {
  salesorderId: string;
  salesorderNumber: string;
  status: string;
  /** True when the order already existed (a retried create) and was adopted instead of created. */
  adopted: boolean;
  raw: ZohoSalesOrder;
}

export function salesOrders(http: ZohoHttp) {
  const inventory = http.product === 'inventory';

  async function findByNumber(number: string): Promise<ZohoSalesOrder | undefined> {
    requireId('sales order number', number);
    // `salesorder_number` is the filter Zoho documents; `search_text` is the fallback for the other reading.
    for (const filter of ['salesorder_number', 'search_text']) {
      const body = await http.call({ method: 'GET', path: '/salesorders', query: { [filter]: number, page: 1, per_page: PER_PAGE } });
      const hit = list<ZohoSalesOrder>(body, 'salesorders').find((so) => so.salesorder_number === number);
      if (hit) return hit;
    }
    return undefined;
  }

  async function get(id: string): Promise<ZohoSalesOrder> {
    requireId('sales order id', id);
    return entity<ZohoSalesOrder>(await http.call({ method: 'GET', path: `/salesorders/${enc(id)}` }), 'salesorder', 'sales_order');
  }

  /** Idempotent: a retried status change whose first answer was lost gets "already ..." from Zoho; the order settles it. */
  async function setStatus(id: string, status: string): Promise<void> {
    requireId('sales order id', id);
    try {
      await http.call({ method: 'POST', path: `/salesorders/${enc(id)}/status/${status}` });
    } catch (err) {
      if (err instanceof ZohoValidationError && (await get(id)).status === status) return;
      throw err;
    }
  }

  return {
    /** Idempotent create (contract §5): one call on the happy path, adoption after a lost answer. */
    async create(payload: SalesOrderPayload, opts: { number: string }): Promise<SalesOrderCreated> {
      validateDocument('sales order', payload, opts.number);
      const { doc, adopted } = await createOnce<ZohoSalesOrder>({
        number: opts.number,
        what: 'Sales order',
        create: async () => {
          const body = await http.call({
            method: 'POST',
            path: '/salesorders',
            query: { ignore_auto_number_generation: true },
            json: { ...payload, salesorder_number: opts.number },
            create: true,
          });
          return entity<ZohoSalesOrder>(body, 'salesorder', 'sales_order');
        },
        findByNumber: () => findByNumber(opts.number),
      });
      return { salesorderId: doc.salesorder_id, salesorderNumber: doc.salesorder_number, status: doc.status, adopted, raw: doc };
    },

    getByNumber: findByNumber,

    get,

    /**
     * A draft updated in place (`PUT /salesorders/{id}`): lines, prices and details replaced, its
     * number kept. Repeating it sends the same document again, so a retry is harmless.
     */
    async update(id: string, payload: SalesOrderPayload): Promise<ZohoSalesOrder> {
      requireId('sales order id', id);
      const { salesorder_number: _number, ...rest } = payload as SalesOrderPayload & { salesorder_number?: string };
      const body = await http.call({ method: 'PUT', path: `/salesorders/${enc(id)}`, json: rest });
      return entity<ZohoSalesOrder>(body, 'salesorder', 'sales_order');
    },

    /** Draft → confirmed (Inventory) / open (Books). */
    confirm: (id: string): Promise<void> => setStatus(id, inventory ? 'confirmed' : 'open'),

    void: (id: string): Promise<void> => setStatus(id, 'void'),

    /** Books only: attach the order's PDF (multipart field `attachment`). */
    async attachPdf(id: string, pdf: Buffer, filename: string): Promise<void> {
      requireId('sales order id', id);
      if (inventory) {
        throw new ZohoValidationError('Sales order attachments are supported on Zoho Books only', { code: 'unsupported', httpStatus: 0 });
      }
      if (!Buffer.isBuffer(pdf) || pdf.length === 0) {
        throw new ZohoValidationError('attachment is empty', { code: 'invalid_payload', httpStatus: 0 });
      }
      await http.call({
        method: 'POST',
        path: `/salesorders/${enc(id)}/attachment`,
        multipart: { field: 'attachment', data: pdf, filename, contentType: 'application/pdf' },
      });
    },
  };
}
