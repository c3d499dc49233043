/**
 * Money and times as both browser apps show them, in the browser's language. The language is
 * checked first: WebKit on a machine with the C locale reports `navigator.language = "C"`, which is
 * no BCP 47 tag, and `Intl` would throw a RangeError at module load and leave the page blank.
 */
import { formatMoney, type Money } from './domain';

export const FALLBACK_LOCALE = 'en';

/** The first of `candidates` that Intl accepts and supports, else the fallback. */
export function pickLocale(candidates: ReadonlyArray<string | undefined>): string {
  for (const c of candidates) {
    if (!c) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(c);
      if (canonical && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0) return canonical;
    } catch {
      // not a language tag ("C", "POSIX", "en_US.UTF-8"): try the next one
    }
  }
  return FALLBACK_LOCALE;
}

export const locale = typeof navigator === 'undefined' ? FALLBACK_LOCALE : pickLocale([navigator.language, ...(navigator.languages ?? [])]);

export function money(m: Money): string {
  try {
    return formatMoney(m, locale);
  } catch {
    return `${m.amount} ${m.currency}`; // an unknown currency code must not break the list
  }
}

const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}
