/** Money and times as both browser apps show them, in the browser's language. */
import { formatMoney, type Money } from './domain';

export const locale = typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';

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
