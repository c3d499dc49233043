/** What every sandbox API route does with a request: read its query, paging and body, answer its errors as Zoho. */
import type { Request, Response } from 'express';
import { failWith } from '../context';
import type { PageRequest } from '../store';
import type { Json } from '../types';

export function q(req: Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function paging(req: Request): PageRequest {
  const page = q(req, 'page');
  const perPage = q(req, 'per_page');
  return { page: page === undefined ? undefined : Number(page), perPage: perPage === undefined ? undefined : Number(perPage) };
}

export function body(req: Request): Json {
  const b: unknown = req.body;
  return b && typeof b === 'object' && !Buffer.isBuffer(b) ? (b as Json) : {};
}

export const id = (req: Request): string => String(req.params.id);

/** Express 5 forwards async errors; this turns the store's SandboxErrors into Zoho answers. */
export function handle(fn: (req: Request, res: Response) => void | Promise<void>) {
  return async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (err) {
      failWith(res, err);
    }
  };
}
