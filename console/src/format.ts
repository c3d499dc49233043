/** How the console shows stages, money and times. */
import { formatMoney, type Money, type Stage } from './domain';

const STAGE_LABELS: Record<Stage, string> = {
  on_device: 'On the device',
  received: 'Received by the hub',
  customer_ready: 'Customer ready in Zoho',
  in_zoho: 'In Zoho',
  confirmed: 'Confirmed in Zoho',
  pdf_ready: 'PDF ready',
  emailed: 'Emailed',
  done: 'Done',
  needs_attention: 'Needs attention',
  cancelled: 'Cancelled',
};

export const stageLabel = (stage: Stage): string => STAGE_LABELS[stage] ?? stage;

export const money = (m: Money): string => formatMoney(m);

export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
