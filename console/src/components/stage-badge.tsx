import type { Stage } from '../domain';
import { stageLabel } from '../format';

export function StageBadge({ stage }: { stage: Stage }) {
  return <span class={`stage ${stage}`}>{stageLabel(stage)}</span>;
}
