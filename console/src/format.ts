/** How the console shows stages, money and times. */
import type { Stage } from './domain';
import { money, when } from '../../web/format';

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

export { money };
/** One formatter for every cell (the rep's app's `when`). */
export const dateTime = when;

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
