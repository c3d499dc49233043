import { formatMoney, type Money } from './domain';

const locale = typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';

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

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const count = (n: number) => n.toLocaleString(locale);
