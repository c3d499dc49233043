/**
 * Applies a mapping to an order. Pure: the console's preview and the order workflow call the same
 * function and get the same payload.
 */
import type { Order } from '../domain';
import type { FieldRow, Mapping } from './schema';
import { sourceView, type MappingContext } from './source-view';

export interface MappingProblem {
  /** Which row: `fields[2]` or `lineFields[0]` (with the line number for line rows). */
  row: string;
  zohoField: string;
  message: string;
}

export type ZohoPayload = Record<string, unknown> & { line_items: Record<string, unknown>[] };

export interface MappingResult {
  payload: ZohoPayload;
  problems: MappingProblem[];
}

function readPath(from: unknown, path: string): unknown {
  let value: unknown = from;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function applyRows(rows: FieldRow[], from: unknown, rowPrefix: string, problems: MappingProblem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    const value = 'path' in row.source ? readPath(from, row.source.path) : row.source.value;
    if (value === undefined || value === null || value === '') {
      if (row.required) problems.push({ row: `${rowPrefix}[${i}]`, zohoField: row.zoho, message: `${row.zoho} is required but its source is empty` });
      return;
    }
    out[row.zoho] = value;
  });
  return out;
}

export function applyMapping(mapping: Mapping, order: Order, context: MappingContext): MappingResult {
  const view = sourceView(order, context);
  const problems: MappingProblem[] = [];
  const header = applyRows(mapping.fields, view, 'fields', problems);
  const lineItems = view.lines.map((line, n) =>
    applyRows(mapping.lineFields, line, `lineFields (line ${n + 1})`, problems),
  );
  return { payload: { ...header, line_items: lineItems }, problems };
}
