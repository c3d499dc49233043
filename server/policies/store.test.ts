/** A stored policies document is laid over the defaults: a rule added later starts at its default. */
import { DEFAULT_POLICIES, OrderPoliciesSchema } from '../../domain';
import { overDefaults } from './store';

describe('overDefaults', () => {
  it('fills what an older document lacks and keeps what it sets', () => {
    const { stock: _dropped, ...olderRules } = { ...DEFAULT_POLICIES.rules, credit_limit: 'block' as const };
    const merged = OrderPoliciesSchema.parse(overDefaults({ rules: olderRules, discountLimitPercent: { rep: 5 }, priceFloorPercent: 50 }));
    expect(merged).toEqual({
      ...DEFAULT_POLICIES,
      rules: { ...DEFAULT_POLICIES.rules, credit_limit: 'block' },
      discountLimitPercent: { ...DEFAULT_POLICIES.discountLimitPercent, rep: 5 },
      priceFloorPercent: 50,
    });
  });

  it('anything else is the defaults', () => {
    expect(overDefaults(null)).toEqual(DEFAULT_POLICIES);
    expect(overDefaults('garbage')).toEqual(DEFAULT_POLICIES);
  });
});
