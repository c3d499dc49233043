/** The console's frame: sign-in, the navigation the user's role allows, and the current screen. */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getMe, SIGNED_OUT_EVENT, signOut } from './api';
import { SignIn } from './components/sign-in';
import { CatalogueLoading } from './components/catalogue-loading';
import type { PublicUser } from './domain';
import { href, useLocation } from './router';
import { screensFor, type ScreenEntry, type ScreenProps } from './screens';

export function App() {
  // undefined: still asking the hub; null: nobody signed in.
  const [user, setUser] = useState<PublicUser | null | undefined>(undefined);
  const [reason, setReason] = useState<string>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    getMe().then(setUser, (err: unknown) => setFailure(err instanceof Error ? err.message : String(err)));
    const onSignedOut = (e: Event) => {
      setReason((e as CustomEvent<string>).detail);
      setUser(null);
    };
    addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  if (failure)
    return (
      <p class="page-message" role="alert">
        {failure}
      </p>
    );
  if (user === undefined) return <p class="page-message">Loading…</p>;
  if (user === null)
    return (
      <SignIn
        reason={reason}
        onSignedIn={(u) => {
          setReason(undefined);
          setUser(u);
        }}
      />
    );

  const leave = async () => {
    await signOut();
    setUser(null);
  };
  if (user.role === 'rep') return <StaffOnly user={user} onSignOut={leave} />;
  return <Shell user={user} onSignOut={leave} />;
}

function StaffOnly({ user, onSignOut }: { user: PublicUser; onSignOut: () => void }) {
  return (
    <main class="page-message">
      <h1>Satchel console</h1>
      <p role="alert">
        The console is for staff (support and admins). You are signed in as {user.name}, a rep: take orders in <a href="/">the Satchel app</a>.
      </p>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </main>
  );
}

function Shell({ user, onSignOut }: { user: PublicUser; onSignOut: () => void }) {
  const { segments, query } = useLocation();
  const screens = screensFor(user.role);
  const current = screens.find((s) => s.path === segments[0]) ?? screens[0]!;
  const [navOpen, setNavOpen] = useState(false);

  useEffect(() => {
    document.title = `${current.title} · Satchel console`;
    setNavOpen(false);
  }, [current]);

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">Satchel console</span>
        <button type="button" class="nav-toggle" aria-expanded={navOpen} aria-controls="nav" onClick={() => setNavOpen(!navOpen)}>
          Menu
        </button>
        <span class="who">
          {user.name} <span class="role">({user.role})</span>
        </span>
        <button type="button" class="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav id="nav" class={navOpen ? 'nav open' : 'nav'} aria-label="Sections">
        <ul>
          {screens.map((s) => (
            <li key={s.path}>
              <a href={href([s.path])} aria-current={s === current ? 'page' : undefined}>
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="content" tabIndex={-1}>
        <CatalogueLoading />
        <LazyScreen key={current.path} entry={current} props={{ user, params: segments.slice(1), query }} />
      </main>
    </div>
  );
}

/** Loads a screen's module on first use, then renders it. */
function LazyScreen({ entry, props }: { entry: ScreenEntry; props: ScreenProps }) {
  const [Screen, setScreen] = useState<ComponentType<ScreenProps>>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    entry.load().then(
      (m) => live && setScreen(() => m.default),
      (err: unknown) => live && setError(err instanceof ApiError || err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [entry]);
  if (error)
    return (
      <p role="alert">
        Could not load {entry.title}: {error}
      </p>
    );
  if (!Screen) return <p>Loading…</p>;
  return <Screen {...props} />;
}
