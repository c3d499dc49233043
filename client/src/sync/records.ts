/**
 * Checks on each data set line before it is stored: a record that is not what its kind promises
 * is skipped and reported, never stored half-right. Hand-written (no zod in the app), minimal:
 * what the screens and price resolution rely on.
 */
import { CATALOGUE_KINDS, type CatalogueKind, type DatasetLine, type DatasetRecordLine } from '../domain';

const KINDS: ReadonlySet<string> = new Set(CATALOGUE_KINDS);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const int = (v: unknown) => Number.isInteger(v);
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** Why a record of `kind` is unusable, or undefined when it is fine. */
const CHECKS: Record<CatalogueKind, (d: Record<string, unknown>) => string | undefined> = {
  item: (d) => (!str(d.name) ? 'no name' : !int(d.rate) ? 'rate is not whole minor units' : !str(d.currency) ? 'no currency' : undefined),
  stock: (d) => (!num(d.total) ? 'no total' : undefined),
  price: (d) => (!int(d.rate) ? 'rate is not whole minor units' : undefined),
  customer: (d) => (!str(d.name) ? 'no name' : undefined),
  pricelist: (d) =>
    !str(d.name) ? 'no name' : d.type !== 'per_item' && d.type !== 'fixed_percentage' ? 'unknown type' : !num(d.percentage) ? 'no percentage' : undefined,
  tax: (d) => (!num(d.percent) ? 'no percent' : undefined),
  location: (d) => (!str(d.name) ? 'no name' : undefined),
  settings: (d) => (!str(d.currency) ? 'no currency' : undefined),
};

export type ParsedLine = { ok: true; line: DatasetLine } | { ok: false; problem: string };

/** One NDJSON line of the data set, checked. */
export function parseLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: `not JSON: ${text.slice(0, 60)}` };
  }
  if (!isObj(value)) return { ok: false, problem: 'not an object' };
  if (typeof value.type === 'string') return { ok: true, line: value as DatasetLine };
  const { c, k, id } = value;
  const label = `${String(k)}:${String(id)}`;
  if (!int(c) || !KINDS.has(k as string) || !str(id)) return { ok: false, problem: `${label}: not a record line` };
  if (value.del === 1) return { ok: true, line: value as unknown as DatasetRecordLine };
  if (!isObj(value.d)) return { ok: false, problem: `${label}: no data` };
  const why = CHECKS[k as CatalogueKind](value.d);
  return why ? { ok: false, problem: `${label}: ${why}` } : { ok: true, line: value as unknown as DatasetRecordLine };
}
