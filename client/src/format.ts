import { locale } from '../../web/format';

export { money, when } from '../../web/format';

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const count = (n: number) => n.toLocaleString(locale);
