/** A small dismissible hint on iOS Safari: how to add Satchel to the home screen (see install-hint.ts). */
import { useState } from 'preact/hooks';
import { currentPlatform, dismissInstallHint, shouldShowInstallHint } from '../install-hint';

export function InstallHint() {
  const [shown, setShown] = useState(() => shouldShowInstallHint(currentPlatform()));
  if (!shown) return null;
  return (
    <aside class="install-hint" aria-label="Install Satchel" data-testid="install-hint">
      <p>
        Install Satchel: tap <strong>Share</strong>, then <strong>Add to Home Screen</strong>. It then opens full screen and works offline.
      </p>
      <button
        type="button"
        class="button button-small button-quiet"
        onClick={() => {
          dismissInstallHint();
          setShown(false);
        }}
      >
        Not now
      </button>
    </aside>
  );
}
