/** When the iOS "Add to Home Screen" hint shows: iOS Safari only, not installed, not dismissed. */
import { shouldShowInstallHint, type Platform } from './install-hint';

const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const IPAD_AS_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const IPHONE_CHROME = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0 Mobile/15E148 Safari/604.1';
const LINUX_WEBKIT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15';
const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0 Mobile Safari/537.36';

const p = (over: Partial<Platform>): Platform => ({ userAgent: IPHONE_SAFARI, maxTouchPoints: 5, displayStandalone: false, dismissed: false, ...over });

describe('shouldShowInstallHint', () => {
  it('shows on iPhone Safari and on an iPad that reports itself as a Mac', () => {
    expect(shouldShowInstallHint(p({}))).toBe(true);
    expect(shouldShowInstallHint(p({ userAgent: IPAD_AS_MAC }))).toBe(true);
  });

  it('does not show once installed, or dismissed', () => {
    expect(shouldShowInstallHint(p({ standalone: true }))).toBe(false);
    expect(shouldShowInstallHint(p({ displayStandalone: true }))).toBe(false);
    expect(shouldShowInstallHint(p({ dismissed: true }))).toBe(false);
  });

  it('does not show where there is an install prompt or no Add to Home Screen in Safari', () => {
    expect(shouldShowInstallHint(p({ userAgent: IPHONE_CHROME }))).toBe(false);
    expect(shouldShowInstallHint(p({ userAgent: ANDROID_CHROME }))).toBe(false);
    expect(shouldShowInstallHint(p({ userAgent: IPAD_AS_MAC, maxTouchPoints: 0 }))).toBe(false); // a real Mac
    expect(shouldShowInstallHint(p({ userAgent: LINUX_WEBKIT, maxTouchPoints: 0 }))).toBe(false);
  });
});
