/** The order's Zoho salesperson starts as the rep's own: the salesperson whose email is the rep's. */
import type { SalespersonRecord } from '../domain';

export function defaultSalesperson(salespersons: SalespersonRecord[] | undefined, repEmail: string): SalespersonRecord | undefined {
  const email = repEmail.trim().toLowerCase();
  return email ? (salespersons ?? []).find((p) => p.email?.trim().toLowerCase() === email) : undefined;
}
