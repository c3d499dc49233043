/**
 * The customer as reps meet it, in Chromium on the demo organization, offline then back online: the
 * rep changes a Zoho customer's phone (shown pending, then saved in Zoho); on an order a contact
 * person's name is recognised as the customer's, a new one is added with email and phone, and the
 * salesperson starts as the rep's own. Back online the sandbox has the new phone, the new person
 * once on the customer's contact, and one sales order naming that person and the rep's salesperson.
 * axe checks each new screen (serious and critical findings fail the test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SANDBOX_DEMO } from '../../config';
import { documentNumber } from '../../domain';
import { sandboxAccessToken } from '../../zoho/testing';
import { eventually } from '../support/temporal';
import { AxeLog } from './support/axe';
import { clickText, fill, launch, waitForSelector, waitForText, type Session } from './support/browser';
import { startProxy, type Proxy } from './support/proxy';
import { REP, scenario } from './support/scenario';
import { startStack, syncCatalogue, type RunningStack } from './support/stack';

jest.setTimeout(420_000);

const PORTS = { hub: 3540, sandbox: 3640, smtp: 3545, mailWeb: 3546, temporal: 3547, temporalUi: 3548 };
const PROXY_PORT = 3549;

interface SandboxPerson {
  contact_person_id: string;
  first_name: string;
  last_name: string;
  email: string;
  is_primary_contact: boolean;
}
interface SandboxContact {
  contact_id: string;
  contact_name: string;
  contact_type: string;
  status: string;
  phone: string;
  email: string;
  contact_persons: SandboxPerson[];
}
interface SandboxOrder {
  salesorder_number: string;
  salesperson_id?: string;
  contact_persons_associated?: Array<{ contact_person_id: string; first_name: string }>;
}
interface State {
  salesorders: SandboxOrder[];
}

let stack: RunningStack;
/** A customer with several contact persons, found by the first test. */
let chosenCustomerId: string | undefined;
let proxy: Proxy;
let tmp: string;
let session: Session;
const axe = new AxeLog();
const state = async () => (await (await fetch(`${stack.sandboxUrl}/__sandbox/state`)).json()) as State;
/** Zoho Inventory as a client reads it. */
async function zoho<T>(pathAndQuery: string): Promise<T> {
  const token = await sandboxAccessToken(stack.sandboxUrl);
  const sep = pathAndQuery.includes('?') ? '&' : '?';
  const res = await fetch(`${stack.sandboxUrl}/inventory/v1${pathAndQuery}${sep}organization_id=${SANDBOX_DEMO.organizationId}`, {
    headers: { Authorization: `Zoho-oauthtoken ${token}` },
  });
  return (await res.json()) as T;
}
const contactOf = async (id: string) => (await zoho<{ contact: SandboxContact }>(`/contacts/${id}`)).contact;

/** The id of the newest order in the device's outbox (IndexedDB), as the app saved it. */
function newestOutboxOrder(): Promise<string> {
  return session.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('satchel');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = await new Promise<Array<{ id: string; kind: string; createdAt: string }>>((ok) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => ok(r.result as never);
    });
    db.close();
    return all.filter((e) => e.kind === 'order').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]!.id;
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-e2e-customer-'));
  stack = await startStack(PORTS, { ZOHO_SANDBOX_ITEMS: '60', ZOHO_SANDBOX_CUSTOMERS: '12' });
  const hub = new URL(stack.hubUrl);
  proxy = await startProxy({ host: hub.hostname, port: Number(hub.port) }, PROXY_PORT);
  await syncCatalogue(stack.hubUrl);
  session = await launch('chromium', path.join(tmp, 'profile'));
  await scenario({ proxy, stack, axe }).signInAndSync(session.driver);
});

afterAll(async () => {
  await session?.browser.close().catch(() => undefined);
  await proxy?.close();
  await stack?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('offline: a phone edit and an order with a new contact person and the rep’s salesperson reach Zoho once each', async () => {
  const d = session.driver;
  const page = session.page;
  const listed = (await zoho<{ contacts: SandboxContact[] }>('/contacts?per_page=200')).contacts.filter(
    (c) => c.contact_type === 'customer' && c.status === 'active',
  );
  let customer: SandboxContact | undefined;
  for (const c of listed) if (!customer && (await contactOf(c.contact_id)).contact_persons.length > 1) customer = await contactOf(c.contact_id);
  chosenCustomerId = customer!.contact_id;
  const known = customer!.contact_persons.find((p) => !p.is_primary_contact)!;
  const ours = (await zoho<{ salespersons: Array<{ salesperson_id: string; salesperson_email: string }> }>('/salespersons')).salespersons.find(
    (p) => p.salesperson_email === REP.email,
  )!;
  const newPhone = '+1 555 0142';

  await scenario({ proxy, stack, axe }).offline(d, true);

  // The customer's phone, changed offline: pending on the screen.
  await d.goto(`${proxy.url}/#/customers/${customer!.contact_id}`);
  await waitForSelector(d, '[data-testid="customer-contact"]', 30_000);
  await clickText(d, 'button', 'Change email or phone');
  await waitForSelector(d, 'input[name="customerPhone"]');
  await fill(d, 'input[name="customerEmail"]', 'not an email');
  await clickText(d, 'button[type="submit"]', 'Save');
  await waitForText(d, '#customer-email-error', 'Not an email address');
  await axe.check(d, 'customer contact edit with a problem');
  await fill(d, 'input[name="customerEmail"]', customer!.email);
  await fill(d, 'input[name="customerPhone"]', newPhone);
  await clickText(d, 'button[type="submit"]', 'Save');
  await waitForText(d, '[data-testid="contact-edit-status"]', 'on this device');
  await waitForText(d, '[data-testid="customer-contact"]', `${newPhone} (not in Zoho yet)`);
  await axe.check(d, 'customer contact pending');

  // An order for them: a known contact person by name, then a new one instead, and the salesperson.
  await clickText(d, 'button', 'New order');
  await scenario({ proxy, stack, axe }).addProduct(d, 'SKU-00007');
  await d.goto(`${proxy.url}/#/cart`);
  await clickText(d, 'button', 'Next');
  await waitForSelector(d, 'input[name="contactPerson"]');
  await fill(d, 'input[name="contactPerson"]', `${known.first_name} ${known.last_name}`);
  await waitForText(d, '[data-testid="contact-person-note"]', 'contact person in Zoho');
  await d.waitFor((id: string) => document.querySelector<HTMLSelectElement>('select[name="salespersonId"]')?.value === id, 10_000, ours.salesperson_id);
  await fill(d, 'input[name="contactPerson"]', 'Neo Buyer');
  await waitForText(d, '[data-testid="contact-person-note"]', 'Printed on the document only');
  await page.click('input[name="addContactPerson"]');
  await waitForSelector(d, 'input[name="newContactEmail"]');
  await fill(d, 'input[name="newContactEmail"]', 'neo@buyer.example');
  await fill(d, 'input[name="newContactPhone"]', '+1 555 0123');
  await waitForText(d, '[data-testid="contact-person-note"]', 'Added to the customer in Zoho');
  await axe.check(d, 'details with a new contact person');
  await clickText(d, 'button[type="submit"]', 'Create Order');
  await waitForText(d, '[data-testid="flash"]', 'saved on this device');
  const orderId = await newestOutboxOrder();

  // Back online: both go out; the screen says the edit is saved.
  await scenario({ proxy, stack, axe }).offline(d, false);
  await d.goto(`${proxy.url}/#/customers/${customer!.contact_id}`);
  await waitForText(d, '[data-testid="contact-edit-status"]', 'saved in Zoho', 120_000);
  await axe.check(d, 'customer contact saved');

  const number = documentNumber('order', orderId);
  const after = await eventually(
    async () => {
      const s = await state();
      return s.salesorders.some((o) => o.salesorder_number === number) ? s : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 1000, what: `sales order ${number} in the sandbox` },
  );
  const contact = await contactOf(customer!.contact_id);
  expect(contact.phone).toBe(newPhone);
  const neo = contact.contact_persons.filter((p) => p.email === 'neo@buyer.example');
  expect(neo).toHaveLength(1);
  const orders = after.salesorders.filter((o) => o.salesorder_number === number);
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({
    salesperson_id: ours.salesperson_id,
    contact_persons_associated: [expect.objectContaining({ contact_person_id: neo[0]!.contact_person_id, first_name: 'Neo' })],
  });
  expect(session.errors).toEqual([]);
  expect(axe.blocking()).toEqual([]);
});

interface FullOrder extends SandboxOrder {
  location_id?: string;
  shipping_address_id?: string;
  line_items: Array<{ item_id: string; quantity: number; location_id?: string }>;
}

test('offline: an order from another location to a second address with a contact person, then changed offline: one sales order in Zoho, updated in place, and two emails', async () => {
  const d = session.driver;
  const page = session.page;
  const sc = scenario({ proxy, stack, axe });
  // The first test's customer, read again (a scan of every contact would spend the sandbox's per-minute budget).
  const customer = await contactOf(chosenCustomerId!);
  const person = customer!.contact_persons.find((p) => !p.is_primary_contact)!;

  await sc.offline(d, true);
  await d.goto(`${proxy.url}/#/customers/${customer!.contact_id}`);
  await waitForSelector(d, '[data-testid="customer-contact"]', 30_000);
  await clickText(d, 'button', 'New order');
  await sc.addProduct(d, 'SKU-00007');
  await d.goto(`${proxy.url}/#/cart`);
  await clickText(d, 'button', 'Next');
  await waitForSelector(d, 'select[name="locationId"]');
  // Ship from a location that is not the default; deliver to the customer's last Zoho address.
  const location = await page.$eval(
    'select[name="locationId"]',
    (s) => [...(s as HTMLSelectElement).options].find((o) => !o.text.includes('(default)'))!.value,
  );
  await page.select('select[name="locationId"]', location);
  const address = await page.$eval('select[name="addressChoice"]', (s) =>
    [...(s as HTMLSelectElement).options]
      .map((o) => o.value)
      .filter(Boolean)
      .at(-1),
  );
  await page.select('select[name="addressChoice"]', address!);
  await fill(d, 'input[name="contactPerson"]', `${person.first_name} ${person.last_name}`);
  await waitForText(d, '[data-testid="contact-person-note"]', 'contact person in Zoho');
  await clickText(d, 'button[type="submit"]', 'Create Order');
  await waitForText(d, '[data-testid="flash"]', 'saved on this device');
  const orderId = await newestOutboxOrder();
  const number = documentNumber('order', orderId);
  const inZoho = async (what: string, ok: (o: FullOrder) => boolean) =>
    eventually(
      async () => {
        const found = ((await state()).salesorders as FullOrder[]).filter((o) => o.salesorder_number === number);
        return found.length === 1 && ok(found[0]!) ? found[0] : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 1000, what },
    );
  const mailsFor = async () =>
    ((await (await fetch(`${stack.mailUrl}/api/messages`)).json()) as { messages: Array<{ subject: string }> }).messages.filter((m) =>
      m.subject.includes(number),
    );

  // Back online: it goes out.
  await sc.offline(d, false);
  const first = await inZoho(`sales order ${number}`, () => true);
  expect(first).toMatchObject({
    location_id: location,
    shipping_address_id: address,
    contact_persons_associated: [expect.objectContaining({ contact_person_id: person.contact_person_id })],
  });
  const firstQuantity = first!.line_items[0]!.quantity;
  await eventually(async () => ((await mailsFor()).length === 1 ? true : undefined), { timeoutMs: 120_000, intervalMs: 1000, what: 'the order email' });

  // Offline again: the rep changes the sent order (its Zoho copy is a draft) from the orders screen.
  await d.goto(`${proxy.url}/#/documents`);
  const edit = `li[data-doc-id="${orderId}"] [data-testid="edit-doc"]`;
  await eventually(async () => ((await page.$(edit)) ? true : undefined), {
    timeoutMs: 60_000,
    intervalMs: 500,
    what: 'Edit on the sent order',
  });
  await sc.offline(d, true);
  await page.click(edit);
  await waitForSelector(d, '[data-testid="editing"]');
  await fill(d, 'input[name="quantity"]', String(firstQuantity + 4));
  await clickText(d, 'button', 'Save changes');
  await waitForSelector(d, '[data-testid="revision-status"]');
  await axe.check(d, 'a change waiting to be sent');
  await sc.offline(d, false);

  // Zoho: the same one sales order, with the new quantity, still from that location to that address.
  const updated = await inZoho(`${number} with the new quantity`, (o) => o.line_items[0]!.quantity === firstQuantity + 4);
  expect(updated).toMatchObject({ location_id: location, shipping_address_id: address });
  await eventually(async () => ((await mailsFor()).length === 2 ? true : undefined), { timeoutMs: 120_000, intervalMs: 1000, what: 'the revision email' });
  // The order's email and its revision's (the mail catcher lists newest first).
  expect((await mailsFor()).map((m) => m.subject.startsWith('Revised (revision 1)')).sort()).toEqual([false, true]);
  expect(session.errors).toEqual([]);
  expect(axe.blocking()).toEqual([]);
});
