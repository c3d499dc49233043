/**
 * A rep's phone or email edit of a Zoho customer, on real parts (hub, Temporal, worker, sandbox),
 * SQLite and PostgreSQL: stored once however often the device replays it, written to the Zoho
 * contact once (one PUT), the outcome readable by the device. A field changed in Zoho since the
 * device saw it keeps Zoho's value and the edit says so; bad input is a 400 naming the field and
 * stores nothing; another rep cannot read it; a customer gone from Zoho ends failed, saying why.
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { CustomerEditSummary } from '../domain';
import { PdfPrinter } from '../workflows/pdf';
import type { ObservedRequest } from '../zoho/sandbox';
import { sandboxAccessToken } from '../zoho/testing';
import { agentFor, createUser, testAuth } from './support/auth';
import { startStack, type Stack } from './support/documents';
import { bundleWorkflows, eventually } from './support/temporal';

jest.setTimeout(180_000);

let bundle: WorkflowBundleWithSourceMap;
let printer: PdfPrinter;
beforeAll(async () => {
  bundle = await bundleWorkflows();
  printer = new PdfPrinter({ maxConcurrent: 1 }); // nothing is printed here: the stack needs one
});
afterAll(() => printer?.close());

describe.each([
  ['sqlite', 'inventory'],
  ['postgres', 'books'],
] as const)('on %s, Zoho %s', (dialect, product) => {
  let stack: Stack;
  const seen: ObservedRequest[] = [];
  beforeAll(async () => {
    stack = await startStack({ dialect, product, bundle, printer, sandbox: { onRequest: (r) => seen.push(r) } });
  });
  afterAll(() => stack?.close());

  const contacts = () => stack.sandbox.state.contacts().filter((c) => c.status === 'active' && c.contact_type === 'customer');
  const until = (id: string, status: CustomerEditSummary['status']) =>
    eventually(
      async () => {
        const res = await stack.rep.get(`/api/customer-edits/${id}`);
        return res.body.edit?.status === status ? (res.body.edit as CustomerEditSummary) : undefined;
      },
      { what: `customer edit ${id} to be ${status}`, timeoutMs: 60_000 },
    );

  it('writes the rep’s phone and email to the Zoho contact once, however often the device sends it', async () => {
    const c = contacts()[0]!;
    const others = c.contact_persons.filter((p) => !p.is_primary_contact).map((p) => ({ id: p.contact_person_id, email: p.email }));
    const edit = {
      id: crypto.randomUUID(),
      zohoContactId: c.contact_id,
      email: `edited-${product}@shop.example`,
      phone: '+1 555 0142',
      before: { email: c.email, phone: c.phone },
      createdAt: new Date().toISOString(),
    };
    const answers = await Promise.all([stack.rep.post('/api/customer-edits').send(edit), stack.rep.post('/api/customer-edits').send(edit)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect((await stack.rep.post('/api/customer-edits').send(edit)).status).toBe(200);
    const done = await until(edit.id, 'applied');
    expect(done).toMatchObject({ applied: { email: edit.email, phone: edit.phone }, kept: {}, message: 'Saved in Zoho' });
    const now = stack.sandbox.state.contacts().find((x) => x.contact_id === c.contact_id)!;
    expect(now).toMatchObject({ email: edit.email, phone: edit.phone });
    // The contact's other persons stay as they were.
    for (const o of others) expect(now.contact_persons.find((p) => p.contact_person_id === o.id)?.email).toBe(o.email);
    expect(seen.filter((r) => r.method === 'PUT' && r.path.endsWith(`/contacts/${c.contact_id}`))).toHaveLength(1);
    expect(await stack.db.CustomerEdit.count({ where: { id: edit.id } })).toBe(1);
  });

  it('keeps Zoho’s phone when the office changed it since the device saw it, sends the email, and says so', async () => {
    const c = contacts()[1]!;
    const before = { email: c.email, phone: c.phone };
    // The office edits the phone in Zoho while the rep is offline.
    const office = await fetch(
      `${stack.sandboxUrl}/${product === 'inventory' ? 'inventory/v1' : 'books/v3'}/contacts/${c.contact_id}?organization_id=${stack.zohoSettings.organizationId}`,
      {
        method: 'PUT',
        headers: { Authorization: `Zoho-oauthtoken ${await sandboxAccessToken(stack.sandboxUrl)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contact_name: c.contact_name, phone: '+1 555 0777' }),
      },
    );
    expect(office.status).toBe(200);
    const edit = {
      id: crypto.randomUUID(),
      zohoContactId: c.contact_id,
      email: `mine-${product}@shop.example`,
      phone: '+1 555 0199',
      before,
      createdAt: new Date().toISOString(),
    };
    await stack.rep.post('/api/customer-edits').send(edit).expect(201);
    const done = await until(edit.id, 'conflict');
    expect(done.applied).toEqual({ email: edit.email });
    expect(done.kept).toEqual({ phone: { zoho: '+1 555 0777', yours: '+1 555 0199' } });
    expect(done.message).toMatch(/phone was changed in Zoho to \+1 555 0777/);
    expect(stack.sandbox.state.contacts().find((x) => x.contact_id === c.contact_id)).toMatchObject({ email: edit.email, phone: '+1 555 0777' });
  });

  it('refuses bad input naming the field, storing nothing; another rep cannot read an edit; a customer gone from Zoho ends failed', async () => {
    const id = crypto.randomUUID();
    const bad = await stack.rep
      .post('/api/customer-edits')
      .send({ id, zohoContactId: contacts()[2]!.contact_id, email: 'not-an-email', before: {}, createdAt: new Date().toISOString() });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('email');
    expect(await stack.db.CustomerEdit.count({ where: { id } })).toBe(0);

    const gone = { id: crypto.randomUUID(), zohoContactId: '460000000099999', phone: '+1 555 0100', before: {}, createdAt: new Date().toISOString() };
    await stack.rep.post('/api/customer-edits').send(gone).expect(201);
    const other = await agentFor(stack.app, await createUser(testAuth(stack.db), 'rep'));
    await other.get(`/api/customer-edits/${gone.id}`).expect(403);
    const failed = await until(gone.id, 'failed');
    expect(failed.message).toBe('This customer is no longer in Zoho: the edit was not sent');
  });
});
