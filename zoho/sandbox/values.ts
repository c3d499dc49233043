/** Reading the loose JSON of a Zoho request body: any value as text, as a case-blind key, or as a number. */
import { invalid } from './errors';

/** Text as Zoho keeps it: a missing value is the empty string. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** The key Zoho compares names and numbers by: trimmed, lower case. */
export const lc = (v: unknown): string => str(v).trim().toLowerCase();

/** A number sent as a number or a numeric string; `fallback` when absent, refused (naming `field`) when unreadable. */
export function numberOr(v: unknown, fallback: number, field: string): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw invalid(field);
  return n;
}
