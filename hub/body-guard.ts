/**
 * Refuses JSON bodies with a NUL character in any string or key, naming where. PostgreSQL cannot
 * store NUL in text and SQLite's driver ends the statement at one: either way the request failed
 * with a 500 after validation had passed (found by test/fuzz.test.ts).
 */
import type { RequestHandler } from 'express';
import { AppError } from '../server/errors';

/** The path of the first string or key holding a NUL, or undefined. Iterative: bodies may nest deeply. */
export function findNul(body: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[body, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path || '(body)';
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return at;
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}

export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  // The query string too: search filters reach PostgreSQL, which cannot compare a NUL either.
  const at = findNul(req.body) ?? findNul(req.query);
  if (at === undefined) return next();
  const path = at.replaceAll('\0', '\\0');
  next(
    new AppError('invalid', `Invalid request: ${path}: must not contain NUL characters`, { fields: [{ path, message: 'must not contain NUL characters' }] }),
  );
};
