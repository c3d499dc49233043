/** The language fallback (web/format.ts): a platform locale that is no BCP 47 tag ("C") must not blank the app. */
import { FALLBACK_LOCALE, pickLocale } from '../../web/format';

describe('pickLocale', () => {
  it('falls back when the browser reports the C locale', () => {
    expect(() => new Intl.DateTimeFormat('C')).toThrow(RangeError); // what WebKit under C.UTF-8 would hit
    expect(pickLocale(['C'])).toBe(FALLBACK_LOCALE);
    expect(pickLocale(['POSIX', 'en_US.UTF-8', undefined, ''])).toBe(FALLBACK_LOCALE);
  });

  it('takes the first valid tag, canonicalised', () => {
    expect(pickLocale(['C', 'de-de', 'fr'])).toBe('de-DE');
    expect(pickLocale(['en-GB'])).toBe('en-GB');
  });

  it('loads and formats with navigator.language = "C"', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'C', languages: ['C'] }, configurable: true });
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const format = require('../../web/format') as typeof import('../../web/format');
        expect(format.locale).toBe(FALLBACK_LOCALE);
        expect(format.when('2026-03-04T05:06:00Z')).toMatch(/2026/);
        expect(format.money({ amount: 1250, currency: 'USD' })).toBe('$12.50');
      });
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});
