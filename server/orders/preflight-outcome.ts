/**
 * What the hub's pre-flight findings mean for an order at its price-check step: a block stops it
 * (the reason lists the messages), an approval-level finding waits for support unless one is
 * recorded, and warnings (the ones the rep accepted on the device, and any the hub finds itself)
 * become a note on the timeline. Pure: the activity acts on the answer.
 */
import { AWAITING_APPROVAL, summarize, type Order, type PreflightFinding } from '../../domain';

export interface AcceptedWarning {
  rule: string;
  message: string;
}

export interface PreflightOutcome {
  /** Set: the order must not go out (needs_attention with this reason). */
  blocked?: string;
  /** Set: the order waits for an approval (needs_attention with this reason). */
  awaitingApproval?: string;
  /** Timeline notes, whatever the outcome. */
  notes: string[];
}

/** The warnings the rep accepted on the device (`order.acceptedWarnings`), read defensively: older devices send none. */
export function acceptedWarningsOf(order: Order): AcceptedWarning[] {
  const raw = (order as { acceptedWarnings?: unknown }).acceptedWarnings;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((w: unknown) => {
    const o = w && typeof w === 'object' ? (w as Record<string, unknown>) : {};
    return typeof o.rule === 'string' && typeof o.message === 'string' ? [{ rule: o.rule, message: o.message }] : [];
  });
}

const messages = (findings: ReadonlyArray<{ message: string }>) => findings.map((f) => f.message).join('; ');

export function preflightOutcome(findings: readonly PreflightFinding[], o: { approvedBy?: string; accepted: AcceptedWarning[] }): PreflightOutcome {
  const { blocks, approvals, warnings } = summarize(findings);
  const notes: string[] = [];
  if (o.accepted.length) notes.push(`pre-flight: warnings the rep accepted on the device: ${messages(o.accepted)}`);
  const seen = new Set(o.accepted.map((w) => `${w.rule}\n${w.message}`));
  const hubOnly = warnings.filter((w) => !seen.has(`${w.rule}\n${w.message}`));
  if (hubOnly.length) notes.push(`pre-flight warning (found at the hub): ${messages(hubOnly)}`);
  if (approvals.length && o.approvedBy) notes.push(`pre-flight: ${messages(approvals)} (approved by ${o.approvedBy})`);
  return {
    ...(blocks.length ? { blocked: messages(blocks) } : {}),
    ...(approvals.length && !o.approvedBy ? { awaitingApproval: AWAITING_APPROVAL + messages(approvals) } : {}),
    notes,
  };
}
