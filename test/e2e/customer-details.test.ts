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
  const orderId = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('satchel');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = await new Promise<Array<{ id: string; kind: string }>>((ok) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => ok(r.result as never);
    });
    db.close();
    return all.find((e) => e.kind === 'order')!.id;
  });

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
