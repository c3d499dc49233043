/**
 * The offline-order scenario's steps, written once against the Driver interface (driver.ts) so
 * Chromium, Firefox and WebKit run the same thing: sign in and sync, go offline (the proxy cuts
 * the hub off; Chromium also emulates navigator.onLine), a customer, an order with a signature and
 * a quote created offline, and the checks that each reached the sandbox and the mail catcher once.
 * Every screen visited is checked with axe-core (axe.ts).
 */
import { documentNumber, type OrderDetail } from '../../../domain';
import { eventually } from '../../support/temporal';
import type { AxeLog } from './axe';
import { clickText, docStatuses, fill, sign, signIn, waitForSelector, waitForText } from './browser';
import type { Driver } from './driver';
import type { Proxy } from './proxy';
import { apiSession } from './stack';

export const REP = { email: 'rep@satchel.local', password: 'satchel-rep-demo' };

export interface ScenarioContext {
  proxy: Proxy;
  stack: { hubUrl: string; sandboxUrl: string; mailUrl: string };
  axe: AxeLog;
}

interface SandboxState {
  salesorders: Array<{ salesorder_number: string; reference_number?: string; customer_name: string }>;
  estimates: Array<{ estimate_number: string }>;
  createdContacts: Array<{ contact_name: string; contact_id: string }>;
}

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

export function scenario({ proxy, stack, axe }: ScenarioContext) {
  const hubOrder = async (id: string): Promise<OrderDetail> => {
    const rep = await apiSession(stack.hubUrl, REP.email, REP.password);
    return (await rep.get<{ order: OrderDetail }>(`/api/orders/${id}`)).order;
  };
  const sandboxState = async () => (await (await fetch(`${stack.sandboxUrl}/__sandbox/state`)).json()) as SandboxState;
  const mails = async () =>
    (
      (await (await fetch(`${stack.mailUrl}/api/messages`)).json()) as {
        messages: Array<{ subject: string; text?: string; attachments: Array<{ filename?: string }> }>;
      }
    ).messages;

  /** Offline as the browser can tell it: connections cut, and navigator.onLine false where emulated. */
  async function offline(d: Driver, off: boolean): Promise<void> {
    if (off) proxy.down();
    else proxy.up();
    await d.setOffline(off);
  }

  /** What the status pill must say with the hub cut off: Offline where emulated, else Hub unreachable. */
  const cutOffLabel = (d: Driver) => (d.emulatesOffline ? 'Offline' : 'Hub unreachable');

  /** Sign in and wait for the first sync to land on the Customers screen. */
  async function signInAndSync(d: Driver): Promise<void> {
    await d.goto(proxy.url);
    await waitForSelector(d, 'input[name="email"]', 30_000);
    await axe.check(d, 'sign-in');
    await signIn(d, REP.email, REP.password);
    await waitForSelector(d, '[data-testid="customer-list"] li', 60_000);
    // The hub's own first sync from Zoho comes first (paced), then the device's: generous on a busy machine.
    await waitForText(d, '[data-testid="offline-ready"]', 'Ready to work offline', 240_000);
    await axe.check(d, 'customers');
  }

  async function addProduct(d: Driver, query: string): Promise<void> {
    await d.goto(`${proxy.url}/#/products`);
    await fill(d, '[data-testid="product-search"]', query);
    await d.waitFor((q: string) => document.querySelector('[data-testid="product-list"] li')?.textContent?.includes(q), 10_000, query);
    await d.click('[data-testid="product-list"] li button.add');
    await d.waitFor(() => document.querySelector('[data-testid="product-list"] li .in-cart'), 5000);
  }

  async function newCustomer(d: Driver, name: string): Promise<void> {
    await d.goto(`${proxy.url}/#/customers/new`);
    await waitForSelector(d, 'input[name="name"]');
    await axe.check(d, 'new customer');
    await fill(d, 'input[name="name"]', name);
    await fill(d, 'input[name="email"]', `orders@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`);
    await fill(d, 'input[name="address"]', '12 Harbour Road');
    await fill(d, 'input[name="city"]', 'Portland');
    await clickText(d, 'button', 'Save customer');
    await waitForText(d, '[data-testid="selected-customer"]', name);
  }

  /** Problems the form shows before anything is created. */
  async function problems(d: Driver): Promise<string> {
    await waitForSelector(d, '[data-testid="draft-problems"]', 5000);
    return d.evaluate(() => document.querySelector<HTMLElement>('[data-testid="draft-problems"]')!.innerText);
  }

  /** The form names `expected` (after the click's re-render: a slower engine must not read the last one). */
  async function expectProblem(d: Driver, expected: string): Promise<void> {
    await waitForText(d, '[data-testid="draft-problems"]', expected, 5000).catch(() => undefined);
    expect(await problems(d)).toContain(expected);
  }

  const setQuantity = (d: Driver, value: string) => fill(d, '.cart-line input[name="quantity"]', value);

  /** The outbox as the app shows it, once `count` documents are listed. */
  async function documentsOnDevice(d: Driver, count: number) {
    await d.goto(`${proxy.url}/#/documents`);
    await d.waitFor((n: number) => document.querySelectorAll('[data-doc-id]').length >= n, 20_000, count);
    return docStatuses(d);
  }

  /** Wait until each document is done on the hub; then count it in the sandbox and the mail catcher. */
  async function expectExactlyOnceEverywhere(ids: Array<{ id: string; kind: 'order' | 'quote' }>, customerName: string): Promise<void> {
    for (const { id } of ids) {
      await eventually(async () => ((await hubOrder(id)).stage === 'done' ? true : undefined), {
        timeoutMs: 120_000,
        intervalMs: 1000,
        what: `document ${id} to be done`,
      });
    }
    const state = JSON.stringify(await sandboxState());
    for (const { id, kind } of ids) {
      const number = documentNumber(kind, id);
      expect({ number, inSandbox: occurrences(state, `"${number}"`) }).toEqual({ number, inSandbox: 1 });
      expect({ number, mails: (await mails()).filter((m) => `${m.subject}\n${m.text ?? ''}`.includes(number)).length }).toEqual({ number, mails: 1 });
    }
    expect((await sandboxState()).createdContacts.filter((c) => c.contact_name === customerName)).toHaveLength(1);
  }

  /**
   * The whole offline flow in one browser: a new customer, an order with a signature, a quote,
   * all while the hub cannot be reached. Returns the documents on the device.
   */
  async function takeOrdersOffline(d: Driver, customerName: string) {
    await offline(d, true);
    await waitForText(d, '[data-testid="online-status"]', cutOffLabel(d), 30_000);

    await newCustomer(d, customerName);
    await axe.check(d, 'customer chosen');
    await addProduct(d, 'SKU-00007');
    await axe.check(d, 'products');
    // Products pre-flight has nothing to say of at these quantities (no minimum or pack size, in stock at the primary location).
    await addProduct(d, 'SKU-00013');
    await d.goto(`${proxy.url}/#/cart`);
    await waitForSelector(d, '[data-testid="cart-badge"]');
    expect(await d.evaluate(() => document.querySelector('[data-testid="cart-badge"]')?.textContent)).toBe('2');

    // Bad input is named before anything is created.
    await setQuantity(d, '0');
    await clickText(d, 'button', 'Create Order');
    await expectProblem(d, 'Must be more than 0');
    await axe.check(d, 'cart with problems');
    await setQuantity(d, '-2');
    await clickText(d, 'button', 'Create Order');
    await expectProblem(d, 'Cannot be negative');
    await setQuantity(d, 'three');
    await clickText(d, 'button', 'Create Order');
    await expectProblem(d, 'Not a number');
    await setQuantity(d, '3');
    await axe.check(d, 'cart');

    // Next: delivery details (the address starts from the customer's), signature.
    await clickText(d, 'button', 'Next');
    await waitForSelector(d, 'input[name="deliveryDate"]');
    await d.waitFor(() => document.querySelector<HTMLInputElement>('input[autocomplete="shipping address-level2"]')?.value === 'Portland', 5000);
    expect(await d.evaluate(() => document.querySelector<HTMLInputElement>('input[autocomplete="shipping address-line1"]')?.value)).toBe('12 Harbour Road');
    await axe.check(d, 'details');
    await fill(d, 'input[name="deliveryDate"]', '2020-01-02');
    await clickText(d, 'button[type="submit"]', 'Create Order');
    await expectProblem(d, 'The delivery date is in the past');
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await fill(d, 'input[name="deliveryDate"]', future);
    await fill(d, 'input[name="contactPerson"]', 'Dana Buyer');
    await fill(d, 'textarea[name="notes"]', 'Leave at the back door');
    await sign(d);
    await clickText(d, 'button[type="submit"]', 'Create Order');
    await waitForText(d, '[data-testid="flash"]', 'saved on this device');

    // A quote for the same customer (SKU-00021 has a minimum of 5: pre-flight would stop a quote for 1).
    await addProduct(d, 'SKU-00022');
    await d.goto(`${proxy.url}/#/cart`);
    await clickText(d, '.segmented button', 'Quote');
    await clickText(d, 'button', 'Create Quote');
    await waitForText(d, '[data-testid="flash"]', 'Quote QT-');

    const docs = await documentsOnDevice(d, 3);
    await axe.check(d, 'orders on the device');
    expect(
      Object.values(docs)
        .map((x) => [x.kind, x.status])
        .sort(),
    ).toEqual([
      ['customer', 'device'],
      ['order', 'device'],
      ['quote', 'device'],
    ]);
    return docs;
  }

  const idOf = (docs: Record<string, { kind: string }>, kind: string) => Object.keys(docs).find((id) => docs[id]!.kind === kind)!;

  /** Back online: everything queued reaches the given statuses on the device. */
  const waitForDocs = (d: Driver, ids: string[], statuses: string[], timeout: number) =>
    d.waitFor(
      (docIds: string[], wanted: string[]) =>
        docIds.every((id) => wanted.includes(document.querySelector<HTMLElement>(`[data-doc-id="${id}"]`)?.dataset.status ?? '')),
      timeout,
      ids,
      statuses,
    );

  return {
    offline,
    cutOffLabel,
    signInAndSync,
    addProduct,
    newCustomer,
    problems,
    documentsOnDevice,
    expectExactlyOnceEverywhere,
    takeOrdersOffline,
    idOf,
    waitForDocs,
    hubOrder,
    sandboxState,
    mails,
  };
}

export const occurrencesOf = occurrences;
