import type { DraftProblems } from '../order/checks';

/** Everything wrong with the draft, in one alert at the top of the form. */
export function ProblemSummary({ problems, names }: { problems?: DraftProblems; names?: Map<string, string> }) {
  if (!problems) return null;
  const list = [
    problems.customer,
    problems.lines,
    ...Object.entries(problems.quantity).map(([id, p]) => `${names?.get(id) ?? 'Quantity'}: ${p}`),
    ...Object.entries(problems.discount ?? {}).map(([id, p]) => `${names?.get(id) ? `${names.get(id)}, discount` : 'Discount'}: ${p}`),
    problems.orderDiscount && `Order discount: ${problems.orderDiscount}`,
    problems.discountBeforeTax,
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
