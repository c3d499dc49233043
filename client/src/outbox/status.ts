/**
 * Where a document is, in the rep's words: on this device, received by the hub, in Zoho (number),
 * emailed, or needs attention (reason). One function, used by every list.
 */
import { hasReached, isStage } from '../domain';
import type { HubView, OutboxEntry, OutboxKind } from '../store/outbox';

export type Tone = 'device' | 'hub' | 'zoho' | 'emailed' | 'attention' | 'cancelled';

export interface DocStatus {
  tone: Tone;
  label: string;
  detail?: string;
}

export function docStatus(e: OutboxEntry): DocStatus {
  if (e.state === 'rejected') {
    return { tone: 'attention', label: 'Needs attention', detail: `The hub refused it: ${e.rejection?.message ?? 'no reason given'}` };
  }
  if (e.state === 'queued') {
    return { tone: 'device', label: 'On this device', detail: e.lastError ? `Not sent yet: ${e.lastError}` : 'Waiting to be sent' };
  }
  return hubStatus(e.kind, e.hub);
}

/** Where a document the hub has is, from what the hub last reported. */
export function hubStatus(kind: OutboxKind, hub: HubView | undefined): DocStatus {
  const stage = hub?.stage ?? 'received';
  if (kind === 'customer-edit') return editStatus(hub);
  if (stage === 'needs_attention') return { tone: 'attention', label: 'Needs attention', detail: hub?.attentionReason ?? undefined };
  if (stage === 'cancelled') return { tone: 'cancelled', label: 'Cancelled' };
  if (isStage(stage) && hasReached(stage, 'emailed')) return { tone: 'emailed', label: 'Emailed', detail: zohoDetail(hub) };
  if (isStage(stage) && hasReached(stage, 'in_zoho')) return { tone: 'zoho', label: 'In Zoho', detail: zohoDetail(hub) };
  if (kind === 'customer' && stage === 'customer_ready') return { tone: 'zoho', label: 'In Zoho' };
  return { tone: 'hub', label: 'Received by the hub' };
}

/** The connection as the status pill tells it: the device's network, then whether the hub answers. */
export type Connection = 'offline' | 'unreachable' | 'online';

export function connectionOf(deviceOnline: boolean, hubAnswers: boolean): Connection {
  if (!deviceOnline) return 'offline';
  return hubAnswers ? 'online' : 'unreachable';
}

export const CONNECTION_LABEL: Record<Connection, string> = { offline: 'Offline', unreachable: 'Hub unreachable', online: 'Online' };

function zohoDetail(hub: HubView | undefined): string | undefined {
  const n = hub?.zohoNumber ?? hub?.number;
  return n ? `Number ${n}` : undefined;
}

/** A customer edit: pending at the hub, saved in Zoho, saved with Zoho's newer values kept, or refused by Zoho. */
function editStatus(hub: HubView | undefined): DocStatus {
  switch (hub?.stage) {
    case 'applied':
      return { tone: 'zoho', label: 'Saved in Zoho' };
    case 'conflict':
      return { tone: 'attention', label: 'Zoho kept a newer value', detail: hub.attentionReason ?? undefined };
    case 'failed':
      return { tone: 'attention', label: 'Not saved in Zoho', detail: hub.attentionReason ?? undefined };
    default:
      return { tone: 'hub', label: 'On its way to Zoho' };
  }
}
