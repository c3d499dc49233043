/**
 * The order policies document as the hub accepts it (PUT /api/admin/policies) and stores it: a zod
 * schema built from the pre-flight's own lists (PREFLIGHT_RULES, policiesFor, ROLES), so a rule or
 * role added there is validated here without a second list to keep in step.
 */
import * as z from 'zod';
import { PREFLIGHT_RULES, policiesFor, type OrderPolicies, type PreflightRule, type RulePolicy } from './preflight';
import { ROLES } from './user';

const policyOf = (rule: PreflightRule) => {
  const allowed = policiesFor(rule);
  return z.custom<RulePolicy>((v) => typeof v === 'string' && (allowed as readonly string[]).includes(v), {
    message: `must be one of ${allowed.join(', ')}`,
  });
};

/** One schema per key of a fixed list (every key required: a strict object names a missing or unknown one). */
function each<K extends string, V>(keys: readonly K[], schema: (key: K) => z.ZodType<V>): Record<K, z.ZodType<V>> {
  const out = {} as Record<K, z.ZodType<V>>;
  for (const key of keys) out[key] = schema(key);
  return out;
}

const percent = z.number().min(0, 'must be 0 or more').max(100, 'must be 100 or less');

export const OrderPoliciesSchema: z.ZodType<OrderPolicies> = z.strictObject({
  rules: z.strictObject(each(PREFLIGHT_RULES, policyOf)),
  discountLimitPercent: z.strictObject(each(ROLES, () => percent.nullable())),
  priceFloorPercent: percent,
  deliveryLeadDays: z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(365, 'must be 365 or less'),
});
