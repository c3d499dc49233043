/**
 * The one lifecycle vocabulary. Client, hub, workflows, console and Temporal search attributes all
 * use these names verbatim.
 */
export const MAIN_LINE = ['on_device', 'received', 'customer_ready', 'in_zoho', 'confirmed', 'pdf_ready', 'emailed', 'done'] as const;

export const OFF_LINE = ['needs_attention', 'cancelled'] as const;

export type Stage = (typeof MAIN_LINE)[number] | (typeof OFF_LINE)[number];

export const STAGES: readonly Stage[] = [...MAIN_LINE, ...OFF_LINE];

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** Has a document got at least as far as `stage` along the main line? */
export function hasReached(current: Stage, stage: (typeof MAIN_LINE)[number]): boolean {
  const at = (MAIN_LINE as readonly string[]).indexOf(current);
  return at >= 0 && at >= MAIN_LINE.indexOf(stage);
}

export function isFinal(stage: Stage): boolean {
  return stage === 'done' || stage === 'cancelled';
}
