/**
 * Applies a mapping to an order (or to a new customer). Pure apart from the clock that bounds
 * expressions: the console's preview and the workflow's activity call the same function and get
 * the same payload.
 */
import type { Customer, Order } from '../domain';
import { DEFAULT_EXPRESSION_LIMITS, evaluateExpression, type ExpressionLimits } from './expression';
import { isCustomFieldRow, rowField, type FieldRow, type FieldSource, type Mapping } from './schema';
import { contactSourceView, sourceView, type MappingContext } from './source-view';
import { renderTemplate, TemplateMissingField } from './template';

export interface MappingProblem {
  /** Which row: `fields[2]`, or `lineFields[0]` (then `line` says which order line). */
  row: string;
  list: 'fields' | 'lineFields';
  index: number;
  /** The Zoho field the row fills: `notes`, `custom_fields.cf_payment_method`. */
  zohoField: string;
  message: string;
  line?: number;
}

export type ZohoPayload = Record<string, unknown> & { line_items?: Record<string, unknown>[] };

export interface MappingResult {
  payload: ZohoPayload;
  problems: MappingProblem[];
}

/** The row about to run (templates and expressions only: the sources that can take long). */
export interface RowStart {
  row: string;
  zohoField: string;
  line?: number;
}

export interface ApplyOptions {
  limits?: ExpressionLimits;
  /** Told before each template or expression row runs (the sandbox keeps the last one, to name a row it had to stop). */
  onRow?: (row: RowStart) => void;
}

export function readPath(from: unknown, path: string): unknown {
  let value: unknown = from;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    // Own properties only: a path never reaches a prototype (`constructor`, `__proto__`).
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** One source's value for this view; `undefined` means "nothing to send". Throws on a broken source. */
async function evaluate(source: FieldSource, view: unknown, opts: ApplyOptions): Promise<unknown> {
  if ('path' in source) return readPath(view, source.path);
  if ('value' in source) return source.value;
  if ('template' in source) {
    try {
      return renderTemplate(source.template, view);
    } catch (err) {
      if (err instanceof TemplateMissingField) return undefined;
      throw err;
    }
  }
  if ('lookup' in source) {
    const key = readPath(view, source.lookup.path);
    const hit = isEmpty(key)
      ? undefined
      : Object.prototype.hasOwnProperty.call(source.lookup.table, String(key))
        ? source.lookup.table[String(key)]
        : undefined;
    return hit ?? source.lookup.default;
  }
  return evaluateExpression(source.expression, view, opts.limits ?? DEFAULT_EXPRESSION_LIMITS);
}

async function applyRows(
  rows: FieldRow[],
  view: unknown,
  list: MappingProblem['list'],
  problems: MappingProblem[],
  opts: ApplyOptions,
  line?: number,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const customFields: Record<string, unknown>[] = [];
  for (const [index, row] of rows.entries()) {
    const zohoField = rowField(row);
    const problem = (message: string) => problems.push({ row: `${list}[${index}]`, list, index, zohoField, message, ...(line ? { line } : {}) });
    if (opts.onRow && ('template' in row.source || 'expression' in row.source)) opts.onRow({ row: `${list}[${index}]`, zohoField, ...(line ? { line } : {}) });
    let value: unknown;
    try {
      value = await evaluate(row.source, view, opts);
    } catch (err) {
      problem((err as Error).message);
      continue;
    }
    if (isEmpty(value)) {
      if (row.required) problem(`${zohoField} is required but its source is empty${line ? ` on line ${line}` : ''}`);
      continue;
    }
    if (isCustomFieldRow(row)) customFields.push({ ...row.customField, value });
    else out[row.zoho] = value;
  }
  if (customFields.length) out.custom_fields = customFields;
  return out;
}

/** A sales order or estimate payload from an order. */
/**
 * The view as plain JSON: no undefined keys (a template's strict mode then treats an absent value
 * as missing, as a path does), no prototypes or functions for a source to reach.
 */
function plain<T>(view: T): T {
  return JSON.parse(JSON.stringify(view)) as T;
}

export async function applyMapping(mapping: Mapping, order: Order, context: MappingContext, opts: ApplyOptions = {}): Promise<MappingResult> {
  const view = plain(sourceView(order, context));
  const problems: MappingProblem[] = [];
  const header = await applyRows(mapping.fields, view, 'fields', problems, opts);
  const lineItems: Record<string, unknown>[] = [];
  for (const [n, line] of view.lines.entries()) {
    lineItems.push(await applyRows(mapping.lineFields, line, 'lineFields', problems, opts, n + 1));
  }
  return { payload: { ...header, line_items: lineItems }, problems };
}

/** A contact payload from a customer made on a device. */
export async function applyContactMapping(mapping: Mapping, customer: Customer, opts: ApplyOptions = {}): Promise<MappingResult> {
  const problems: MappingProblem[] = [];
  const payload = await applyRows(mapping.fields, plain(contactSourceView(customer)), 'fields', problems, opts);
  return { payload, problems };
}
