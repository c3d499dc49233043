/**
 * Template sources: Handlebars over the source view (`"PO {{reference}}, {{customer.name}}"`).
 * A private Handlebars environment, so nothing registered elsewhere (the PDF's helpers) leaks in;
 * strict (a missing field is an error, not an empty string), only the built-in helpers, and no
 * access to prototype properties or methods.
 */
import Handlebars from 'handlebars';

const hb = Handlebars.create();

const COMPILE_OPTIONS = {
  strict: true,
  noEscape: true, // Zoho gets plain text, not HTML
  knownHelpersOnly: true,
  knownHelpers: { if: true, unless: true, each: true, with: true, lookup: true },
} as const;

const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/** Thrown when the order lacks a field the template names: the row is then left out (or, if required, refused). */
export class TemplateMissingField extends Error {}

/** Syntax and unknown helpers are found here, without any data; returns the error message or undefined. */
export function templateCompileError(template: string): string | undefined {
  try {
    hb.precompile(template, COMPILE_OPTIONS);
    return undefined;
  } catch (err) {
    return `template does not compile: ${firstLine(err)}`;
  }
}

const cache = new Map<string, HandlebarsTemplateDelegate>();

export function renderTemplate(template: string, view: unknown): string {
  let fn = cache.get(template);
  if (!fn) {
    fn = hb.compile(template, COMPILE_OPTIONS);
    if (cache.size > 500) cache.clear();
    cache.set(template, fn);
  }
  try {
    return fn(view, RUNTIME_OPTIONS);
  } catch (err) {
    const message = firstLine(err);
    if (/not defined in/.test(message)) throw new TemplateMissingField(message);
    throw new Error(`template failed: ${message}`, { cause: err });
  }
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err)
    .split('\n')[0]!
    .slice(0, 300);
}
