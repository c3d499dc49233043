import type { DraftProblems } from '../order/checks';

/** Everything wrong with the draft, in one alert at the top of the form. */
export function ProblemSummary({ problems }: { problems?: DraftProblems }) {
  if (!problems) return null;
  const list = [
    problems.customer,
    problems.lines,
    ...Object.values(problems.quantity).map((p) => `Quantity: ${p}`),
    ...Object.values(problems.fees).map((p) => `Fee: ${p}`),
    problems.deliveryDate,
  ].filter(Boolean);
  if (list.length === 0) return null;
  return (
    <div class="notice notice-error" role="alert" data-testid="draft-problems">
      <p>The order cannot be created yet:</p>
      <ul>
        {list.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
