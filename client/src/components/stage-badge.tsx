import { stageLabel, stageStep } from '../stages';

/** The stage in words (never colour alone), with a progress bar along the main line. */
export function StageBadge({ stage }: { stage: string }) {
  const step = stageStep(stage);
  return (
    <span class={`stage stage-${stage}`} data-stage={stage}>
      <span class="stage-label">{stageLabel(stage)}</span>
      {step && (
        <span
          class="stage-bar"
          role="progressbar"
          aria-label="Progress"
          aria-valuemin={1}
          aria-valuemax={step.of}
          aria-valuenow={step.step}
          aria-valuetext={`Step ${step.step} of ${step.of}`}
        >
          <span style={{ width: `${(100 * step.step) / step.of}%` }} />
        </span>
      )}
    </span>
  );
}
