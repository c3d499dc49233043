import { ZohoValidationError } from '../errors';
import type { ZohoHttp } from '../http';
import type { EstimatePayload, ZohoEstimate } from '../types';
import { requireId, validateDocument } from '../validate';
import { enc, entity, list, PER_PAGE } from './common';
import { createOnce } from './idempotent';

export interface EstimateCreated {
  estimateId: string;
  estimateNumber: string;
  status: string;
  adopted: boolean;
  raw: ZohoEstimate;
}

/** Books only: Inventory has no estimates (a quote goes there as a draft sales order). */
export function estimates(http: ZohoHttp) {
  function booksOnly(): void {
    if (http.product !== 'books') {
      throw new ZohoValidationError('Estimates exist only in Zoho Books; send a quote to Inventory as a draft sales order', {
        code: 'unsupported',
        httpStatus: 0,
      });
    }
  }

  async function findByNumber(number: string): Promise<ZohoEstimate | undefined> {
    booksOnly();
    requireId('estimate number', number);
    for (const filter of ['estimate_number', 'search_text']) {
      const body = await http.call({ method: 'GET', path: '/estimates', query: { [filter]: number, page: 1, per_page: PER_PAGE } });
      const hit = list<ZohoEstimate>(body, 'estimates').find((e) => e.estimate_number === number);
      if (hit) return hit;
    }
    return undefined;
  }

  return {
    async create(payload: EstimatePayload, opts: { number: string }): Promise<EstimateCreated> {
      booksOnly();
      validateDocument('estimate', payload, opts.number);
      const { doc, adopted } = await createOnce<ZohoEstimate>({
        number: opts.number,
        what: 'Estimate',
        create: async () => {
          const body = await http.call({
            method: 'POST',
            path: '/estimates',
            query: { ignore_auto_number_generation: true },
            json: { ...payload, estimate_number: opts.number },
            create: true,
          });
          return entity<ZohoEstimate>(body, 'estimate');
        },
        findByNumber: () => findByNumber(opts.number),
      });
      return { estimateId: doc.estimate_id, estimateNumber: doc.estimate_number, status: doc.status, adopted, raw: doc };
    },

    getByNumber: findByNumber,

    /** The customer said yes (a quote turned into an order). Idempotent: "already accepted" settles it. */
    async markAccepted(id: string): Promise<void> {
      booksOnly();
      requireId('estimate id', id);
      try {
        await http.call({ method: 'POST', path: `/estimates/${enc(id)}/status/accepted` });
      } catch (err) {
        if (err instanceof ZohoValidationError && (await this.get(id)).status === 'accepted') return;
        throw err;
      }
    },

    /** A draft or sent estimate changed in place (the number stays Zoho's). */
    async update(id: string, payload: EstimatePayload): Promise<ZohoEstimate> {
      booksOnly();
      requireId('estimate id', id);
      const { estimate_number: _number, ...rest } = payload as EstimatePayload & { estimate_number?: string };
      return entity<ZohoEstimate>(await http.call({ method: 'PUT', path: `/estimates/${enc(id)}`, json: rest }), 'estimate');
    },

    async get(id: string): Promise<ZohoEstimate> {
      booksOnly();
      requireId('estimate id', id);
      return entity<ZohoEstimate>(await http.call({ method: 'GET', path: `/estimates/${enc(id)}` }), 'estimate');
    },
  };
}
