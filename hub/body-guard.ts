/**
 * Refuses requests whose body or query holds text no database can take as it is, naming where:
 * - a NUL character: PostgreSQL cannot store it in text and SQLite's driver ends the statement at
 *   one (a 500 after validation had passed, found by test/fuzz.test.ts);
 * - text that is not well-formed Unicode (a lone surrogate such as "\ud800", which JSON's \u
 *   escapes can carry): PostgreSQL stored it in the JSON payload and then every `payload::jsonb`
 *   cast failed, so `GET /api/orders?customer=…` answered 500 for everyone.
 * Keys are checked like values.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../server/errors';

/** A lone surrogate: in a `u` regex a well-formed pair is one code point and does not match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

/** The first string or key that cannot be stored, and why; undefined when all can. Iterative: bodies may nest deeply. */
export function findUnstorableText(body: unknown): { path: string; message: string } | undefined {
  const stack: Array<[unknown, string]> = [[body, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const message = problemOf(value);
      if (message) return { path: path || '(body)', message };
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        const message = problemOf(key);
        if (message) return { path: at, message };
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}

export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  // The query string too: search filters reach PostgreSQL, which cannot compare these either.
  const found = findUnstorableText(req.body) ?? findUnstorableText(req.query);
  if (found === undefined) return next();
  // The path itself may hold the bad character: show it escaped.
  const path = found.path.replaceAll('\0', '\\0').replace(/[\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  next(new AppError('invalid', `Invalid request: ${path}: ${found.message}`, { fields: [{ path, message: found.message }] }));
};
