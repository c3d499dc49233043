import { useEffect, useState } from 'preact/hooks';
import { SIGNED_OUT_EVENT, signOut } from './api';
import { Header } from './components/header';
import { InstallHint } from './components/install-hint';
import { HubLoading, SyncProgress } from './components/sync-progress';
import { TabBar } from './components/tab-bar';
import { UpdateBanner } from './components/update-banner';
import type { PublicUser } from './domain';
import { useConnection, useOnline, useOutbox, useVisible } from './hooks';
import { useObservable } from './observable';
import { draft, loadDraft } from './order/draft-store';
import { refreshFromHub, requestReplay } from './outbox/client';
import { registerServiceWorker } from './register-sw';
import { useRoute } from './router';
import { Cart } from './screens/cart';
import { CustomerDetail } from './screens/customer-detail';
import { CustomerNew } from './screens/customer-new';
import { Customers } from './screens/customers';
import { Details } from './screens/details';
import { Documents } from './screens/documents';
import { Products } from './screens/products';
import { SignIn } from './screens/sign-in';
import { currentUser, remember, rememberedUser } from './session';
import { POLL_MS, REPLAY_INTERVAL_MS } from './settings';
import { unsent } from './store/outbox';
import { loadSyncStatus, onSynced, startAutoSync, syncNow, syncStatus } from './sync/controller';
import { keptCategories, cacheImages } from './images';
import { itemIndex } from './store/dataset';

export function App() {
  const online = useOnline();
  const connection = useConnection(online, useVisible());
  const [applyUpdate, setApplyUpdate] = useState<() => void>();
  const [offlineReady, setOfflineReady] = useState(false);
  // undefined: still asking the hub. The remembered user lets the app open offline at once.
  const [user, setUser] = useState<PublicUser | null | undefined>(rememberedUser() ?? undefined);
  const [signedOutReason, setSignedOutReason] = useState<string>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    registerServiceWorker({
      onOfflineReady: () => setOfflineReady(true),
      onUpdateReady: (apply) => setApplyUpdate(() => apply),
    });
    void loadDraft();
    void loadSyncStatus();
    void currentUser().then(setUser);
    const onSignedOut = (e: Event) => {
      remember(null);
      setSignedOutReason((e as CustomEvent<string>).detail);
      setUser(null);
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  const [signedInAt, setSignedInAt] = useState(() => Date.now());
  const signedIn = (u: PublicUser) => {
    remember(u);
    setSignedOutReason(undefined);
    setSignedInAt(Date.now());
    setUser(u);
    void requestReplay(); // what waited for the new session goes now
  };

  const entries = useOutbox();
  const pending = entries ? unsent(entries).length : 0;

  // A replay (in the service worker) found the session gone: sign in again; the work stays queued.
  const refused = entries?.find((e) => e.state === 'queued' && e.signInAt && e.signInAt > signedInAt);
  useEffect(() => {
    if (refused && user) window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: refused.lastError }));
  }, [refused, user]);

  const leave = async () => {
    if (pending > 0) {
      setNotice(
        `You have ${pending} unsent ${pending === 1 ? 'document' : 'documents'} on this device. Send ${pending === 1 ? 'it' : 'them'} (or deal with what the hub refused) before signing out.`,
      );
      return;
    }
    try {
      await signOut();
    } catch {
      setNotice('Could not sign out: the hub cannot be reached. Try again when online.');
      return;
    }
    remember(null);
    setUser(null);
  };

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header
        online={online}
        connection={connection}
        user={user ?? undefined}
        sync={useObservable(syncStatus)}
        unsent={pending}
        actions={{ onSync: () => user && void syncNow(user.id), onSend: () => void requestReplay(), onSignOut: () => void leave() }}
      />
      {applyUpdate && <UpdateBanner onApply={applyUpdate} />}
      <InstallHint />
      {notice && (
        <div class="notice notice-warn banner" role="alert" data-testid="app-notice">
          <span>{notice}</span>
          <button type="button" class="button button-small button-quiet" onClick={() => setNotice(undefined)}>
            OK
          </button>
        </div>
      )}
      {user ? <SignedIn user={user} online={online} pending={pending} /> : user === null ? <SignIn reason={signedOutReason} onSignedIn={signedIn} /> : null}
      <footer class="app-footer">{offlineReady && <p data-testid="offline-ready">Ready to work offline.</p>}</footer>
    </>
  );
}

function SignedIn({ user, online, pending }: { user: PublicUser; online: boolean; pending: number }) {
  const route = useRoute();
  const sync = useObservable(syncStatus);
  const cartCount = useObservable(draft).lines.length;
  const visible = useVisible();

  useEffect(() => {
    // Ask the browser not to evict the outbox and the data set under storage pressure.
    void navigator.storage?.persist?.().catch(() => undefined);
    const stopSync = startAutoSync(user.id);
    const stopImages = onSynced(() => void keepImagesTopUp());
    // Replay: now, whenever the device comes online, and on a timer (no Background Sync in
    // Firefox and Safari; in Chromium it is a backstop for a sync event that gave up).
    const replay = () => navigator.onLine && void requestReplay();
    replay();
    addEventListener('online', replay);
    const timer = setInterval(replay, REPLAY_INTERVAL_MS);
    return () => {
      stopSync();
      stopImages();
      removeEventListener('online', replay);
      clearInterval(timer);
    };
  }, [user.id]);

  // Follow sent documents until they are done.
  useEffect(() => {
    if (!online || !visible) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const open = await refreshFromHub().catch(() => true);
      if (live && open) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [online, visible, pending]);

  if (sync.cursor === '0') {
    return (
      <main id="main" class="screen first-sync">
        <h2 tabIndex={-1}>Getting your data ready</h2>
        <p>Products, prices, customers and stock are downloaded once, so you can work offline. After this, only changes are fetched.</p>
        {sync.running && <SyncProgress status={sync} />}
        {sync.hubLoading && <HubLoading items={sync.hubLoading.items} />}
        {sync.error && (
          <div class="notice notice-error" role="alert">
            <p>{sync.error}</p>
            <button type="button" class="button" onClick={() => void syncNow(user.id)} disabled={!online}>
              Try again
            </button>
          </div>
        )}
        {!sync.running && !sync.error && !online && <p class="notice">You are offline: the download starts when there is a connection.</p>}
      </main>
    );
  }

  return (
    <>
      {sync.running && sync.progress && (
        <div class="sync-strip">
          <SyncProgress status={sync} />
        </div>
      )}
      {sync.hubLoading && <HubLoading items={sync.hubLoading.items} />}
      {route.name === 'customers' && <Customers />}
      {route.name === 'customer-new' && <CustomerNew />}
      {route.name === 'customer' && <CustomerDetail id={route.id} />}
      {route.name === 'products' && <Products />}
      {route.name === 'cart' && <Cart />}
      {route.name === 'details' && <Details user={user} />}
      {route.name === 'documents' && <Documents online={online} />}
      <TabBar route={route} cartCount={cartCount} unsent={pending} />
    </>
  );
}

/** After each sync: fetch images of new products in the categories the rep keeps offline. */
async function keepImagesTopUp(): Promise<void> {
  for (const category of await keptCategories()) await cacheImages(itemIndex.idsIn(category));
}
