/**
 * The catalogue as reps meet it, in Chromium on the demo organization, offline: an item group is
 * one product whose size and colour pickers choose the variant that goes into the cart; Scan reads
 * a photo of an EAN-13 (drawn by ZXing's writer, read back by the app's decoder: Chromium on Linux
 * has no BarcodeDetector, so this is the WebAssembly ponyfill, served and precached by the app)
 * and finds the item; a code that matches nothing says so; a keyboard-wedge scanner typing into
 * search finds the item too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { SANDBOX_DEMO } from '../../config';
import { sandboxAccessToken } from '../../zoho/testing';
import { AxeLog } from './support/axe';
import { fill, launch, waitForSelector, waitForText, type Session } from './support/browser';
import { startProxy, type Proxy } from './support/proxy';
import { scenario } from './support/scenario';
import { startStack, syncCatalogue, type RunningStack } from './support/stack';

jest.setTimeout(300_000);

const PORTS = { hub: 3380, sandbox: 3480, smtp: 1185, mailWeb: 8185, temporal: 7393, temporalUi: 8393 };
const PROXY_PORT = 3389;

interface SandboxItem {
  item_id: string;
  name: string;
  ean?: string;
  group_id?: string;
  group_name?: string;
  attribute_name1?: string;
  attribute_option_name1?: string;
  attribute_name2?: string;
  attribute_option_name2?: string;
  status?: string;
}

let stack: RunningStack;
let proxy: Proxy;
let tmp: string;
let session: Session;
let items: SandboxItem[];
const axe = new AxeLog();

/** An EAN-13 as a PNG, drawn with quiet zones and the digits under the bars, as on a box. */
async function ean13Png(code: string, file: string): Promise<string> {
  const wasm = fs.readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  const out = await writeBarcode(code, { format: 'EAN13', withQuietZones: true, withHRT: true, sizeHint: 400 });
  if (out.error || !out.image) throw new Error(`could not draw ${code}: ${out.error}`);
  fs.writeFileSync(file, Buffer.from(await out.image.arrayBuffer()));
  return file;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-e2e-scan-'));
  stack = await startStack(PORTS, { ZOHO_SANDBOX_ITEMS: '120', ZOHO_SANDBOX_CUSTOMERS: '20' });
  const hub = new URL(stack.hubUrl);
  proxy = await startProxy({ host: hub.hostname, port: Number(hub.port) }, PROXY_PORT);
  await syncCatalogue(stack.hubUrl);
  // The organization's items as a Zoho client reads them.
  const token = await sandboxAccessToken(stack.sandboxUrl);
  const res = await fetch(`${stack.sandboxUrl}/inventory/v1/items?organization_id=${SANDBOX_DEMO.organizationId}&per_page=200`, {
    headers: { Authorization: `Zoho-oauthtoken ${token}` },
  });
  items = ((await res.json()) as { items: SandboxItem[] }).items;
  session = await launch('chromium', path.join(tmp, 'profile'));
  await scenario({ proxy, stack, axe }).signInAndSync(session.driver);
  // Everything below works with no signal.
  proxy.down();
  await session.driver.setOffline(true);
});

afterAll(async () => {
  await session?.browser.close().catch(() => undefined);
  await proxy?.close();
  await stack?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const cartItemIds = () =>
  session.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('satchel');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const draft = await new Promise<{ lines: Array<{ itemId: string }> } | undefined>((ok) => {
      const r = db.transaction('state').objectStore('state').get('draft');
      r.onsuccess = () => ok(r.result as never);
    });
    db.close();
    return draft?.lines.map((l) => l.itemId) ?? [];
  });

async function openProducts(): Promise<void> {
  await session.page.goto(`${proxy.url}/#/products`, { waitUntil: 'load' });
  await waitForSelector(session.driver, '[data-testid="product-search"]');
}

test('an item group is one product; its pickers choose the variant that goes into the cart', async () => {
  const variants = items.filter((i) => i.group_id && i.status !== 'inactive');
  const groupId = variants[0]!.group_id!;
  const group = variants.filter((i) => i.group_id === groupId);
  expect(group.length).toBeGreaterThan(2);
  const target =
    group.find((i) => i.attribute_option_name1 !== group[0]!.attribute_option_name1 && i.attribute_option_name2 !== group[0]!.attribute_option_name2) ??
    group.at(-1)!;

  await openProducts();
  await fill(session.driver, '[data-testid="product-search"]', group[0]!.group_name!);
  await waitForSelector(session.driver, `[data-testid="product-list"] li[data-group-id="${groupId}"] select`);
  // One row for the group, not one per variant.
  expect(await session.page.$$eval(`[data-testid="product-list"] li[data-group-id="${groupId}"]`, (rows) => rows.length)).toBe(1);
  await axe.check(session.driver, 'products-variants');

  const row = `[data-testid="product-list"] li[data-group-id="${groupId}"]`;
  const picks: Array<[string, string]> = [
    [target.attribute_name1!, target.attribute_option_name1!],
    [target.attribute_name2!, target.attribute_option_name2!],
  ];
  for (const [name, value] of picks) {
    const select = await session.page.$(`${row} select[id$="${name.replace(/[^A-Za-z0-9_-]/g, '_')}"]`);
    await select!.select(value);
  }
  await session.page.waitForFunction(
    (sel: string, id: string) => document.querySelector(sel)?.getAttribute('data-item-id') === id,
    { timeout: 10_000 },
    row,
    target.item_id,
  );
  await session.page.click(`${row} button.add`);
  await waitForText(session.driver, `${row} .in-cart`, '1 in cart');
  expect(await cartItemIds()).toContain(target.item_id);
});

test('Scan reads a photo of an EAN-13 offline and finds the item; an unknown code says so; a wedge scanner types into search', async () => {
  const item = items.find((i) => i.ean && !i.group_id && i.status !== 'inactive')!;
  await openProducts();

  await session.page.click('[data-testid="scan"]');
  await waitForSelector(session.driver, '[data-testid="scan-dialog"]');
  const input = await session.page.$('input[data-testid="scan-photo"]');
  await input!.uploadFile(await ean13Png(item.ean!, path.join(tmp, 'found.png')));
  await waitForText(session.driver, '[data-testid="scan-note"]', `Scanned ${item.ean}`, 60_000).catch(async (err: unknown) => {
    const said = await session.page.$eval('[data-testid="scan-status"]', (e) => e.textContent).catch(() => '(no dialog)');
    throw new Error(`the scan did not find ${item.ean}; the dialog said: ${said}; page errors: ${session.errors.join('; ')}`, { cause: err });
  });
  await waitForSelector(session.driver, `[data-testid="product-list"] li[data-item-id="${item.item_id}"]`);

  // A valid EAN-13 no item has.
  const unknown = '4006381333931';
  expect(items.some((i) => i.ean === unknown)).toBe(false);
  await session.page.click('[data-testid="scan"]');
  const again = await session.page.$('input[data-testid="scan-photo"]');
  await again!.uploadFile(await ean13Png(unknown, path.join(tmp, 'unknown.png')));
  await waitForText(session.driver, '[data-testid="scan-note"]', `No product has the barcode ${unknown}`, 60_000);

  // A keyboard-wedge scanner: the code typed into search, Enter at the end.
  await fill(session.driver, '[data-testid="product-search"]', item.ean!);
  await waitForSelector(session.driver, `[data-testid="product-list"] li[data-item-id="${item.item_id}"]`);
  expect(session.errors).toEqual([]);
});
