/** How the one lifecycle vocabulary (domain `STAGES`) reads on screen. */
import { MAIN_LINE, STAGES, isStage, type Stage } from './domain';

const LABELS: Record<Stage, string> = {
  on_device: 'On device',
  received: 'Received',
  customer_ready: 'Customer ready',
  in_zoho: 'In Zoho',
  confirmed: 'Confirmed',
  pdf_ready: 'PDF ready',
  emailed: 'Emailed',
  done: 'Done',
  needs_attention: 'Needs attention',
  cancelled: 'Cancelled',
};

/** Every stage with its label, in lifecycle order. */
export const STAGE_LABELS: ReadonlyArray<{ stage: Stage; label: string }> = STAGES.map((stage) => ({ stage, label: LABELS[stage] }));

/** A stage's label; a name this build does not know yet is shown as it came, made readable. */
export function stageLabel(stage: string): string {
  if (isStage(stage)) return LABELS[stage];
  const words = stage.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How far along the main line a stage is (1-based step), or undefined off the main line. */
export function stageStep(stage: string): { step: number; of: number } | undefined {
  const at = (MAIN_LINE as readonly string[]).indexOf(stage);
  return at < 0 ? undefined : { step: at + 1, of: MAIN_LINE.length };
}
