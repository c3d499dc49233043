/**
 * Where the order policies live: one row in `order_policies`, read by the hub (the console, the data
 * set) and the worker (the pre-flight at sync) alike. A stored document is laid over the defaults
 * before it is validated, so a rule added in a later release starts at its default instead of
 * making every stored document invalid.
 */
import { DEFAULT_POLICIES, OrderPoliciesSchema, type Actor, type OrderPolicies } from '../../domain';
import type { Database } from '../db/connect';

const ROW_ID = 'current';

export interface StoredPolicies {
  policies: OrderPolicies;
  /** When and by whom they were last changed; null: never (the defaults). */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The stored document over the defaults, section by section. */
export function overDefaults(stored: unknown): unknown {
  if (!stored || typeof stored !== 'object') return DEFAULT_POLICIES;
  const s = stored as Partial<Record<keyof OrderPolicies, unknown>>;
  const section = (key: 'rules' | 'discountLimitPercent') =>
    s[key] && typeof s[key] === 'object' ? { ...DEFAULT_POLICIES[key], ...(s[key] as object) } : DEFAULT_POLICIES[key];
  return { ...DEFAULT_POLICIES, ...s, rules: section('rules'), discountLimitPercent: section('discountLimitPercent') };
}

export async function readPolicies(db: Database): Promise<StoredPolicies> {
  const row = await db.OrderPoliciesDocument.findByPk(ROW_ID);
  if (!row) return { policies: DEFAULT_POLICIES, updatedAt: null, updatedBy: null };
  const parsed = OrderPoliciesSchema.safeParse(overDefaults(row.document));
  // Only the hub writes the row, after validating: a document that no longer passes is not ours to guess at.
  return {
    policies: parsed.success ? parsed.data : DEFAULT_POLICIES,
    updatedAt: new Date(row.updatedAt).toISOString(),
    updatedBy: row.updatedByEmail,
  };
}

/** Replace the document (already validated by the caller). */
export async function writePolicies(db: Database, policies: OrderPolicies, actor: Actor, now: Date): Promise<StoredPolicies> {
  await db.OrderPoliciesDocument.upsert({ id: ROW_ID, document: policies, updatedById: actor.id, updatedByEmail: actor.email, updatedAt: now });
  return { policies, updatedAt: now.toISOString(), updatedBy: actor.email };
}
