/**
 * A zod failure as short, stable lines (`query.contact_type undocumented`, `body.line_items.0.rate: ...`),
 * so a test can name the findings it knows of and fail on any other.
 */
import type * as z from 'zod';

export function issueLines(where: string, error: z.ZodError | undefined): string[] {
  if (!error) return [];
  return error.issues.flatMap((issue) => {
    const at = [where, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `${at}.${k} undocumented`);
    if (issue.code === 'invalid_union') {
      // The reading closest to fitting: the alternative with the fewest complaints.
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      return best.flatMap((sub) => issueLines(at, { issues: [sub] } as z.ZodError));
    }
    return [`${at}: ${issue.message}`];
  });
}
