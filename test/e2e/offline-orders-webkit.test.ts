/**
 * The offline-order scenario (support/scenario.ts, the same steps as Chromium and Firefox in
 * offline-orders.test.ts) in WebKit: MiniBrowser through WebKitWebDriver, under the C locale, so
 * navigator.language is "C" (no BCP 47 tag) and the app must still render. WebKit cannot emulate
 * offline here, so the proxy makes the hub unreachable and the pill must say so; there is no
 * Background Sync, so the replay is the app's own. Its own ports: it can run beside the others.
 * Skipped, saying why, when WebKitWebDriver or xvfb-run is missing.
 */
import { AxeLog } from './support/axe';
import { clickText, waitForText } from './support/browser';
import { startProxy, type Proxy } from './support/proxy';
import { scenario } from './support/scenario';
import { startStack, syncCatalogue, type RunningStack } from './support/stack';
import { launchWebKit, webkitMissing, type WebKitBrowser } from './support/webkit';

jest.setTimeout(420_000);

const PORTS = { hub: 3360, sandbox: 3460, smtp: 1165, mailWeb: 8165, temporal: 7373, temporalUi: 8373 };
const PROXY_PORT = 3369;
const WEBDRIVER_PORT = 3368;

const missing = webkitMissing();
if (missing) console.log(`WebKit end-to-end test skipped: ${missing}`);

(missing ? describe.skip : describe)('offline order taking in WebKit (C locale, no offline emulation, no Background Sync)', () => {
  let stack: RunningStack;
  let proxy: Proxy;
  let browser: WebKitBrowser | undefined;
  let steps: ReturnType<typeof scenario>;
  const axe = new AxeLog();

  beforeAll(async () => {
    stack = await startStack(PORTS, { ZOHO_SANDBOX_ITEMS: '300', ZOHO_SANDBOX_CUSTOMERS: '60' });
    const hub = new URL(stack.hubUrl);
    proxy = await startProxy({ host: hub.hostname, port: Number(hub.port) }, PROXY_PORT);
    steps = scenario({ proxy, stack, axe });
    await syncCatalogue(stack.hubUrl);
  });

  afterAll(async () => {
    if (axe.screens.size) console.log(axe.summary());
    await browser?.close();
    await proxy?.close();
    await stack?.stop();
  });

  it('renders under the C locale, takes the orders with the hub unreachable, survives a reopen, and delivers each exactly once', async () => {
    browser = await launchWebKit({ port: WEBDRIVER_PORT, viewport: { width: 390, height: 844 }, locale: 'C.UTF-8' });
    const d = browser.driver;
    await d.goto(proxy.url);
    // The platform as WebKit reports it here: the invalid tag the app must survive, no Background Sync.
    expect(await d.evaluate(() => navigator.language)).toBe('C');
    expect(await d.evaluate(() => typeof (window as { SyncManager?: unknown }).SyncManager)).toBe('undefined');

    await steps.signInAndSync(d);
    await waitForText(d, '[data-testid="online-status"]', 'Online');
    await d.click('button[aria-label="Menu"]');
    await waitForText(d, '[data-testid="prices-as-of"]', 'Prices as of');
    await axe.check(d, 'menu');
    await d.click('button[aria-label="Menu"]');

    const customerName = `WebKit Wares ${Date.now().toString(36)}`;
    const docs = await steps.takeOrdersOffline(d, customerName);
    const orderId = steps.idOf(docs, 'order');
    const quoteId = steps.idOf(docs, 'quote');

    // Close the tab and open the app again, the hub still unreachable: app and outbox are there.
    await browser.reopen(`${proxy.url}/#/documents`);
    const reopened = await steps.documentsOnDevice(d, 3);
    expect(Object.keys(reopened).sort()).toEqual(Object.keys(docs).sort());
    expect(Object.values(reopened).every((x) => x.status === 'device')).toBe(true);
    await waitForText(d, '[data-testid="online-status"]', 'Hub unreachable', 30_000);
    expect(proxy.seen.filter((r) => r.method === 'POST' && /^\/api\/(orders|customers)/.test(r.path) && r.status > 0)).toHaveLength(0);

    // The hub is back: the app's own replay (Send now) sends everything, each once.
    await steps.offline(d, false);
    await clickText(d, 'button', 'Send now');
    await steps.waitForDocs(d, Object.keys(docs), ['emailed', 'zoho', 'hub'], 90_000);
    await steps.expectExactlyOnceEverywhere(
      [
        { id: orderId, kind: 'order' },
        { id: quoteId, kind: 'quote' },
      ],
      customerName,
    );
    await waitForText(d, '[data-testid="online-status"]', 'Online', 30_000);
    const posted = proxy.seen.filter((r) => r.method === 'POST' && r.path === '/api/orders' && r.body?.includes(orderId));
    expect(JSON.parse(posted[0]!.body!).signature).toMatch(/^data:image\/png;base64,/);

    expect(await d.errors()).toEqual([]);
    expect(axe.blocking()).toEqual([]);
  });
});
