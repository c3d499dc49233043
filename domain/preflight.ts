/**
 * Pre-flight: the rules Zoho or the office would refuse an order for, checked before it leaves the
 * device (offline, with the data set) and again on the hub when it arrives (the same code, so the
 * two never disagree; the data may have changed in between). Each rule has a policy an admin sets
 * in the console: `block` (the order cannot be sent), `warn` (the rep sees it and may go on; the
 * accepted warning is recorded on the order's timeline), `allow` (not checked). The discount limit
 * may also be `approve`: the order goes out only after a support or admin approval.
 *
 * Pure and zod-free (the device ships it). Amounts in the order currency's minor units.
 */
import { discountConflict } from './discount-fold';
import { formatMoney } from './money';
import { orderTotals, type PricedOrder } from './totals';
import type { Role } from './user';

export const PREFLIGHT_RULES = [
  'customer_inactive',
  'credit_limit',
  'price_floor',
  'discount_limit',
  'delivery_date',
  'minimum_quantity',
  'pack_size',
  'unit_decimals',
  'stock',
] as const;
export type PreflightRule = (typeof PREFLIGHT_RULES)[number];
export type RulePolicy = 'block' | 'warn' | 'allow' | 'approve';

/** The organization's order policies (the console edits them; the data set carries them to devices). */
export interface OrderPolicies {
  rules: Record<PreflightRule, RulePolicy>;
  /** The largest discount each role may give without approval, as a percentage of the undiscounted lines; null: no limit. */
  discountLimitPercent: Record<Role, number | null>;
  /** A line's price after its discounts may not fall below this percentage of the item's list price. */
  priceFloorPercent: number;
  /** The earliest delivery date: the order's date plus this many days. */
  deliveryLeadDays: number;
}

export const DEFAULT_POLICIES: OrderPolicies = {
  rules: {
    customer_inactive: 'block',
    credit_limit: 'warn',
    price_floor: 'warn',
    discount_limit: 'approve',
    delivery_date: 'block',
    minimum_quantity: 'block',
    pack_size: 'warn',
    // Zoho's unit says how many decimal places a quantity may have: 2.5 pcs is refused as a typing slip.
    unit_decimals: 'block',
    stock: 'warn',
  },
  discountLimitPercent: { rep: 15, support: null, admin: null },
  priceFloorPercent: 70,
  deliveryLeadDays: 0,
};

/** Which policies a rule may take: only the discount limit has an approver. */
export function policiesFor(rule: PreflightRule): readonly RulePolicy[] {
  return rule === 'discount_limit' ? ['block', 'warn', 'approve', 'allow'] : ['block', 'warn', 'allow'];
}

/**
 * Which documents the rules check: orders. A quote commits nothing until it becomes an order,
 * which is checked then. The device and the hub both ask this, so they never disagree on it.
 */
export function preflightChecks(kind: 'order' | 'quote'): boolean {
  return kind === 'order';
}

/** What the rules look at besides the order: all optional, a rule without its data is not checked. */
export interface PreflightContext {
  /** Who takes the order (their discount limit). */
  role: Role;
  /** The order's date as the rep's calendar has it (YYYY-MM-DD). */
  today: string;
  customer?: {
    name?: string;
    /** Zoho's contact status; inactive customers cannot be sold to. */
    active?: boolean;
    /** Held by the office (a custom field or a credit hold). */
    onHold?: boolean;
    /** Zoho `credit_limit` and `outstanding_receivable_amount`, minor units of the order's currency. */
    creditLimit?: number;
    outstanding?: number;
  };
  /** The customer's other orders not yet in Zoho (the device's outbox, the hub's unsent), minor units. */
  unsentTotal?: number;
  /** What the catalogue says of a line's item. */
  item?: (itemId: string) => PreflightItem | undefined;
}

export interface PreflightItem {
  name?: string;
  /** The rate the customer's price list gives (before any discount), minor units. */
  listPrice?: number;
  minimumQuantity?: number;
  /** Sold in multiples of this. */
  packSize?: number;
  /** The decimal places a quantity of the item's unit may have (0: whole units only). */
  quantityDecimals?: number;
  /** The item's unit as Zoho names it ("pcs", "kg"), for the message. */
  unit?: string;
  /** Available at the order's location; undefined: not tracked. */
  stock?: number;
}

export interface PreflightFinding {
  rule: PreflightRule;
  /** `block`, `warn` or `approve` (never `allow`: allowed rules are not checked). */
  policy: Exclude<RulePolicy, 'allow'>;
  /** The order field it is about, as the hub's 400 would name it (`lines.2.quantity`). */
  path: string;
  message: string;
}

/** An order as the rules read it: the parts its totals depend on, plus the lines' identity and the delivery date. */
export interface PreflightOrder extends PricedOrder {
  lines: Array<PricedOrder['lines'][number] & { itemId: string; name: string }>;
  deliveryDate?: string;
}

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The order's discount as a percentage of its undiscounted lines (line and order discounts together). */
export function effectiveDiscountPercent(order: PricedOrder): number {
  const undiscounted = orderTotals({
    ...order,
    discount: undefined,
    lines: order.lines.map((l) => ({ ...l, discountPercent: undefined, discountAmount: undefined })),
  }).net.amount;
  if (undiscounted <= 0) return 0;
  const t = orderTotals(order);
  return (100 * (undiscounted - (t.net.amount - t.discount.amount))) / undiscounted;
}

/** Every finding of the rules the policies check, in the order the rules are listed. */
export function preflight(order: PreflightOrder, policies: OrderPolicies, ctx: PreflightContext): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  const add = (rule: PreflightRule, path: string, message: string) => {
    const policy = policyOf(rule);
    if (policy !== 'allow') out.push({ rule, policy, path, message });
  };
  // A policies document from before a rule existed (a device's cached settings) leaves it at its default.
  const policyOf = (rule: PreflightRule): RulePolicy => policies.rules[rule] ?? DEFAULT_POLICIES.rules[rule];
  const on = (rule: PreflightRule) => policyOf(rule) !== 'allow';
  const c = ctx.customer;
  const who = c?.name ?? 'The customer';

  if (on('customer_inactive') && c) {
    if (c.active === false) add('customer_inactive', 'customer', `${who} is inactive in Zoho: no orders can be taken for them`);
    else if (c.onHold) add('customer_inactive', 'customer', `${who} is on hold: the office must release them before orders go out`);
  }

  const totals = orderTotals(order);
  if (on('credit_limit') && c?.creditLimit !== undefined && c.creditLimit > 0) {
    const available = c.creditLimit - (c.outstanding ?? 0) - (ctx.unsentTotal ?? 0);
    if (totals.gross.amount > available) {
      const money = (amount: number) => formatMoney({ amount, currency: order.currency });
      add(
        'credit_limit',
        'customer',
        `This order (${money(totals.gross.amount)}) is over ${who}'s available credit (${money(Math.max(0, available))}: the limit less what is outstanding and unsent)`,
      );
    }
  }

  const limit = policies.discountLimitPercent[ctx.role];
  if (on('discount_limit') && limit !== null && limit !== undefined) {
    const given = effectiveDiscountPercent(order);
    if (given > limit + 1e-9)
      add('discount_limit', order.discount ? 'discount' : 'lines', `A discount of ${round2(given)} % is above the ${limit} % a ${ctx.role} may give`);
  }
  const conflict = discountConflict(order);
  if (conflict) out.push({ rule: 'discount_limit', policy: 'block', path: 'discountBeforeTax', message: conflict });

  if (on('delivery_date') && order.deliveryDate) {
    const earliest = addDays(ctx.today, policies.deliveryLeadDays);
    if (order.deliveryDate < earliest) add('delivery_date', 'deliveryDate', `The delivery date must be ${earliest} or later`);
  }

  order.lines.forEach((line, i) => {
    const item = ctx.item?.(line.itemId);
    if (!item) return;
    const name = item.name ?? line.name;
    if (on('price_floor') && item.listPrice !== undefined && item.listPrice > 0 && line.quantity > 0) {
      const own = orderTotals({ currency: order.currency, lines: [line] }).net.amount / line.quantity;
      const floor = (item.listPrice * policies.priceFloorPercent) / 100;
      if (own + 1e-9 < floor)
        add('price_floor', `lines.${i}.unitPrice`, `${name}: the price after discount is below ${policies.priceFloorPercent} % of the list price`);
    }
    if (on('minimum_quantity') && item.minimumQuantity && line.quantity < item.minimumQuantity) {
      add('minimum_quantity', `lines.${i}.quantity`, `${name}: the minimum order is ${item.minimumQuantity}`);
    }
    if (on('pack_size') && item.packSize && item.packSize > 0 && !isMultiple(line.quantity, item.packSize)) {
      add('pack_size', `lines.${i}.quantity`, `${name}: sold in packs of ${item.packSize}`);
    }
    if (on('unit_decimals') && item.quantityDecimals !== undefined && !hasAtMostDecimals(line.quantity, item.quantityDecimals)) {
      add('unit_decimals', `lines.${i}.quantity`, unitDecimalsMessage(name, line.quantity, item.quantityDecimals, item.unit));
    }
    if (on('stock') && item.stock !== undefined && line.quantity > item.stock) {
      add('stock', `lines.${i}.quantity`, `${name}: only ${Math.max(0, item.stock)} in stock at this location`);
    }
  });
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
/** Quantities are decimals as typed (0.1 + 0.2): compare in millionths. */
const isMultiple = (quantity: number, pack: number) => Math.round(quantity * 1e6) % Math.round(pack * 1e6) === 0;

/** Whether `quantity` has at most `places` decimal places (quantities are decimals as typed: compared in the 10th place). */
export function hasAtMostDecimals(quantity: number, places: number): boolean {
  const scaled = quantity * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** "Rope: 2.555 m has more decimal places than the unit allows (at most 2)", naming the line's quantity. */
export function unitDecimalsMessage(name: string, quantity: number, places: number, unit?: string): string {
  const amount = `${quantity}${unit ? ` ${unit}` : ''}`;
  return places === 0
    ? `${name}: the quantity ${amount} must be a whole number${unit ? ` of ${unit}` : ''}`
    : `${name}: the quantity ${amount} has more decimal places than ${unit ? `the unit ${unit}` : 'its unit'} allows (at most ${places})`;
}

/** What stops the order (a block), what needs approval, and what the rep must accept. */
export function summarize(findings: readonly PreflightFinding[]): { blocks: PreflightFinding[]; approvals: PreflightFinding[]; warnings: PreflightFinding[] } {
  return {
    blocks: findings.filter((f) => f.policy === 'block'),
    approvals: findings.filter((f) => f.policy === 'approve'),
    warnings: findings.filter((f) => f.policy === 'warn'),
  };
}
