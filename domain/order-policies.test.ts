/** The policies schema: takes the defaults and every policy a rule allows, refuses the rest naming the field. */
import { DEFAULT_POLICIES, OrderPoliciesSchema, PREFLIGHT_RULES, policiesFor } from './index';

const pathsOf = (value: unknown) => {
  const r = OrderPoliciesSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('OrderPoliciesSchema', () => {
  it('takes the defaults, and every policy each rule may have', () => {
    expect(OrderPoliciesSchema.parse(DEFAULT_POLICIES)).toEqual(DEFAULT_POLICIES);
    for (const rule of PREFLIGHT_RULES)
      for (const policy of policiesFor(rule)) expect(pathsOf({ ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, [rule]: policy } })).toEqual([]);
  });

  it('only the discount limit takes approve', () => {
    expect(pathsOf({ ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, credit_limit: 'approve' } })).toEqual(['rules.credit_limit']);
  });

  it('names an unknown rule or role, a missing one, and numbers out of range', () => {
    expect(pathsOf({ ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, colour: 'warn' } })).toEqual(['rules']);
    expect(pathsOf({ ...DEFAULT_POLICIES, discountLimitPercent: { rep: 10, support: null } })).toEqual(['discountLimitPercent.admin']);
    expect(pathsOf({ ...DEFAULT_POLICIES, discountLimitPercent: { rep: -5, support: 101, admin: null } })).toEqual([
      'discountLimitPercent.rep',
      'discountLimitPercent.support',
    ]);
    expect(pathsOf({ ...DEFAULT_POLICIES, priceFloorPercent: '70' })).toEqual(['priceFloorPercent']);
    expect(pathsOf({ ...DEFAULT_POLICIES, deliveryLeadDays: -1 })).toEqual(['deliveryLeadDays']);
    expect(pathsOf({ ...DEFAULT_POLICIES, extra: 1 })).toEqual(['']);
  });
});
