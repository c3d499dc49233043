/**
 * The order rules the console edits: read by anyone signed in (devices run the pre-flight offline
 * with them), replaced by an admin. A change is validated (400 naming the field), stored, audited,
 * and published to the data set so devices get it at their next fetch.
 */
import { OrderPoliciesSchema, PREFLIGHT_RULES, type OrderPolicies } from '../../domain';
import type { Database } from '../../server/db/connect';
import { fromZodError } from '../../server/errors';
import { publishPolicies } from '../../server/policies/dataset';
import { readPolicies, writePolicies, type StoredPolicies } from '../../server/policies/store';
import type { Actor, AuditLog } from '../auth/audit';

/** What changed, for the audit entry: `rules.stock: warn → block`. */
function changesBetween(before: OrderPolicies, after: OrderPolicies): string[] {
  const out: string[] = [];
  const note = (path: string, a: unknown, b: unknown) => {
    if (a !== b) out.push(`${path}: ${String(a)} → ${String(b)}`);
  };
  for (const rule of PREFLIGHT_RULES) note(`rules.${rule}`, before.rules[rule], after.rules[rule]);
  for (const role of Object.keys(after.discountLimitPercent) as Array<keyof OrderPolicies['discountLimitPercent']>)
    note(`discountLimitPercent.${role}`, before.discountLimitPercent[role], after.discountLimitPercent[role]);
  note('priceFloorPercent', before.priceFloorPercent, after.priceFloorPercent);
  note('deliveryLeadDays', before.deliveryLeadDays, after.deliveryLeadDays);
  return out;
}

export function createOrderPolicyService({ db, audit, now = () => new Date() }: { db: Database; audit: AuditLog; now?: () => Date }) {
  return {
    current: (): Promise<StoredPolicies> => readPolicies(db),

    async replace(input: unknown, actor: Actor): Promise<StoredPolicies> {
      const parsed = OrderPoliciesSchema.safeParse(input);
      if (!parsed.success) throw fromZodError(parsed.error, 'order policies');
      const before = (await readPolicies(db)).policies;
      const saved = await writePolicies(db, parsed.data, actor, now());
      const published = await publishPolicies(db, parsed.data);
      await audit.record(actor, 'policies.update', 'order policies', { changes: changesBetween(before, parsed.data), published });
      return saved;
    },
  };
}

export type OrderPolicyService = ReturnType<typeof createOrderPolicyService>;
