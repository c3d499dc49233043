/**
 * Text fields for the domain schemas: trimmed, bounded, and free of control characters (single
 * line) or of all but tab, CR and LF (multi-line). Well-formed Unicode (no lone surrogates) and no
 * NUL are refused for every string at the hub's edge (hub/body-guard.ts).
 */
import * as z from 'zod';
import { MULTI_LINE_FORBIDDEN, SINGLE_LINE_FORBIDDEN } from './limits';

export const SINGLE_LINE_MESSAGE = 'must be one line, without control characters';
export const MULTI_LINE_MESSAGE = 'must not contain control characters other than tab and new lines';

/** A one-line text of at most `max` characters (a name, an id, a reference); trimmed first unless `exact` (ids). */
export const singleLine = (max: number, { exact = false } = {}) =>
  (exact ? z.string() : z.string().trim()).max(max).refine((s) => !SINGLE_LINE_FORBIDDEN.test(s), SINGLE_LINE_MESSAGE);

/** Text that may span lines (notes, descriptions, a street address). */
export const multiLine = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !MULTI_LINE_FORBIDDEN.test(s), MULTI_LINE_MESSAGE);
