/**
 * iOS Safari has no install prompt (no beforeinstallprompt): the rep must know to use Share → Add to
 * Home Screen. This decides when to say so: on iOS Safari (iPadOS reports itself as a Mac with
 * touch), not when already opened from the home screen, not once dismissed.
 */
export const INSTALL_HINT_DISMISSED = 'satchel:install-hint-dismissed';

export interface Platform {
  userAgent: string;
  maxTouchPoints: number;
  /** Safari's navigator.standalone: true when opened from the home screen. */
  standalone?: boolean;
  /** matchMedia('(display-mode: standalone)').matches */
  displayStandalone: boolean;
  dismissed: boolean;
}

export function isIosSafari({ userAgent, maxTouchPoints }: Pick<Platform, 'userAgent' | 'maxTouchPoints'>): boolean {
  const ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  // Other iOS browsers say who they are (CriOS, FxiOS, EdgiOS...); in-app views lack "Safari/".
  return ios && /Safari\//.test(userAgent) && !/CriOS|FxiOS|EdgiOS|OPiOS|GSA\//.test(userAgent);
}

export const shouldShowInstallHint = (p: Platform) => isIosSafari(p) && p.standalone !== true && !p.displayStandalone && !p.dismissed;

/** The platform as this browser reports it. */
export function currentPlatform(): Platform {
  let dismissed = false;
  try {
    dismissed = localStorage.getItem(INSTALL_HINT_DISMISSED) === '1';
  } catch {
    // storage refused (private mode): show the hint, dismissing lasts for this page only
  }
  return {
    userAgent: navigator.userAgent,
    maxTouchPoints: navigator.maxTouchPoints ?? 0,
    standalone: (navigator as { standalone?: boolean }).standalone,
    displayStandalone: typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches,
    dismissed,
  };
}

export function dismissInstallHint(): void {
  try {
    localStorage.setItem(INSTALL_HINT_DISMISSED, '1');
  } catch {
    // see currentPlatform
  }
}
