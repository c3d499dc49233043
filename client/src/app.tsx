import { useEffect, useState } from 'preact/hooks';
import { SIGNED_OUT_EVENT, signOut } from './api';
import { Header } from './components/header';
import { UpdateBanner } from './components/update-banner';
import type { PublicUser } from './domain';
import { useOnline } from './hooks';
import { registerServiceWorker } from './register-sw';
import { Home } from './screens/home';
import { SignIn } from './screens/sign-in';
import { currentUser, remember, rememberedUser } from './session';

export function App() {
  const online = useOnline();
  const [applyUpdate, setApplyUpdate] = useState<() => void>();
  const [offlineReady, setOfflineReady] = useState(false);
  // undefined: still asking the hub. The remembered user lets the app open offline at once.
  const [user, setUser] = useState<PublicUser | null | undefined>(rememberedUser() ?? undefined);
  const [signedOutReason, setSignedOutReason] = useState<string>();

  useEffect(() => {
    registerServiceWorker({
      onOfflineReady: () => setOfflineReady(true),
      onUpdateReady: (apply) => setApplyUpdate(() => apply),
    });
    void currentUser().then(setUser);
    const onSignedOut = (e: Event) => {
      remember(null);
      setSignedOutReason((e as CustomEvent<string>).detail);
      setUser(null);
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  const signedIn = (u: PublicUser) => {
    remember(u);
    setSignedOutReason(undefined);
    setUser(u);
  };
  const leave = async () => {
    await signOut().catch(() => undefined);
    remember(null);
    setUser(null);
  };

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header online={online} user={user ?? undefined} onSignOut={leave} />
      {applyUpdate && <UpdateBanner onApply={applyUpdate} />}
      {user ? <Home online={online} /> : user === null ? <SignIn reason={signedOutReason} onSignedIn={signedIn} /> : null}
      <footer class="app-footer">
        {offlineReady && <p data-testid="offline-ready">Ready to work offline.</p>}
      </footer>
    </>
  );
}
