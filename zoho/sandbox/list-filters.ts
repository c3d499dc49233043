/**
 * Zoho's list filters, honoured: a stand-in that ignores a filter and returns everything hides the
 * client's bugs (a connector that trusts `contact_name` would pass every test). Text filters come
 * as `<field>` (exact), `<field>_startswith` and `<field>_contains`, case-insensitive; `filter_by`
 * takes Zoho's `Status.*` views. A query parameter a list does not know is refused with Zoho's
 * "invalid value" error, never silently dropped.
 */
import type { Request } from 'express';
import { invalid } from './errors';

/** Parameters every list takes: paging, sorting, the organization. */
const COMMON = ['organization_id', 'page', 'per_page', 'sort_column', 'sort_order'];

export type Predicate<T> = (row: T) => boolean;

type Text<T> = (row: T) => Array<string | undefined>;

const lc = (s: string | undefined) => (s ?? '').trim().toLowerCase();

function param(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (Array.isArray(v)) throw invalid(name);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export interface ListFilterSpec<T> {
  /** Text fields filtered exact / _startswith / _contains (the row's values: any may match). */
  text?: Record<string, Text<T>>;
  /** `filter_by` views: `Status.Active` → predicate. */
  views?: Record<string, Predicate<T>>;
  /** Other parameters the route reads itself (search_text, last_modified_time, ...). */
  handled?: string[];
}

/**
 * The predicate for the text filters and view in the request; throws Zoho's invalid-value error
 * for a parameter the list does not know or a view it does not have.
 */
export function listFilter<T>(req: Request, spec: ListFilterSpec<T>): Predicate<T> {
  const known = new Set([...COMMON, ...(spec.handled ?? [])]);
  const predicates: Array<Predicate<T>> = [];
  for (const [field, values] of Object.entries(spec.text ?? {})) {
    known.add(field).add(`${field}_startswith`).add(`${field}_contains`);
    const exact = param(req, field);
    const starts = param(req, `${field}_startswith`);
    const contains = param(req, `${field}_contains`);
    if (exact !== undefined) predicates.push((row) => values(row).some((v) => lc(v) === lc(exact)));
    if (starts !== undefined) predicates.push((row) => values(row).some((v) => lc(v).startsWith(lc(starts))));
    if (contains !== undefined) predicates.push((row) => values(row).some((v) => lc(v).includes(lc(contains))));
  }
  if (spec.views) {
    known.add('filter_by');
    const view = param(req, 'filter_by');
    if (view !== undefined) {
      const match = Object.entries(spec.views).find(([name]) => name.toLowerCase() === view.toLowerCase());
      if (!match) throw invalid('filter_by');
      predicates.push(match[1]);
    }
  }
  for (const name of Object.keys(req.query)) if (!known.has(name)) throw invalid(name);
  return (row) => predicates.every((p) => p(row));
}
