import { useEffect, useState } from 'preact/hooks';
import { Header } from './components/header';
import { UpdateBanner } from './components/update-banner';
import { useOnline } from './hooks';
import { registerServiceWorker } from './register-sw';
import { Home } from './screens/home';

export function App() {
  const online = useOnline();
  const [applyUpdate, setApplyUpdate] = useState<() => void>();
  const [offlineReady, setOfflineReady] = useState(false);

  useEffect(() => {
    registerServiceWorker({
      onOfflineReady: () => setOfflineReady(true),
      onUpdateReady: (apply) => setApplyUpdate(() => apply),
    });
  }, []);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header online={online} />
      {applyUpdate && <UpdateBanner onApply={applyUpdate} />}
      <Home online={online} />
      <footer class="app-footer">
        {offlineReady && <p data-testid="offline-ready">Ready to work offline.</p>}
      </footer>
    </>
  );
}
