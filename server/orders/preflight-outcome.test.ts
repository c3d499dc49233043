/** What the hub's findings do to an order: blocks park it, approvals wait unless approved, warnings are notes. */
import type { Order, PreflightFinding } from '../../domain';
import { acceptedWarningsOf, preflightOutcome } from './preflight-outcome';

const finding = (rule: PreflightFinding['rule'], policy: PreflightFinding['policy'], message: string): PreflightFinding => ({
  rule,
  policy,
  path: 'x',
  message,
});
const inactive = finding('customer_inactive', 'block', 'Shop is inactive in Zoho: no orders can be taken for them');
const discount = finding('discount_limit', 'approve', 'A discount of 30 % is above the 15 % a rep may give');
const stock = finding('stock', 'warn', 'Oak: only 2 in stock at this location');
const credit = finding('credit_limit', 'warn', "This order is over Shop's available credit");

describe('preflightOutcome', () => {
  it('nothing found: nothing to do', () => {
    expect(preflightOutcome([], { accepted: [] })).toEqual({ notes: [] });
  });

  it('a block parks the order with the messages as the reason', () => {
    expect(preflightOutcome([inactive, stock], { accepted: [] })).toEqual({
      blocked: inactive.message,
      notes: [`pre-flight warning (found at the hub): ${stock.message}`],
    });
  });

  it('an approval waits until one is recorded, then is noted with the approver', () => {
    expect(preflightOutcome([discount], { accepted: [] }).awaitingApproval).toBe(`waiting for approval: ${discount.message}`);
    expect(preflightOutcome([discount], { accepted: [], approvedBy: 'Sam Support' })).toEqual({
      notes: [`pre-flight: ${discount.message} (approved by Sam Support)`],
    });
  });

  it("warnings the rep accepted are noted as such; the hub's own only when the device did not show them", () => {
    const accepted = [{ rule: 'stock', message: stock.message }];
    expect(preflightOutcome([stock, credit], { accepted }).notes).toEqual([
      `pre-flight: warnings the rep accepted on the device: ${stock.message}`,
      `pre-flight warning (found at the hub): ${credit.message}`,
    ]);
  });

  it('reads accepted warnings defensively (older devices send none, garbage is skipped)', () => {
    const order = (extra: unknown) => ({ acceptedWarnings: extra }) as unknown as Order;
    expect(acceptedWarningsOf(order(undefined))).toEqual([]);
    expect(acceptedWarningsOf(order([{ rule: 'stock', message: 'm' }, { rule: 3 }, null]))).toEqual([{ rule: 'stock', message: 'm' }]);
  });
});
