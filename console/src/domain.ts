/** The shared domain model as the console uses it: import it from here (see web/domain.ts). */
export * from '../../web/domain';
// The order rules (the "Order rules" screen, Approve on an order waiting for approval): zod-free modules.
export { DEFAULT_POLICIES, PREFLIGHT_RULES, policiesFor, type OrderPolicies, type PreflightRule, type RulePolicy } from '../../domain/preflight';
export { isAwaitingApproval } from '../../domain/approval';
