/** The sandbox's parts on their own: seed determinism, limits on a fake clock, persistence, multipart. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { SANDBOX_DEMO } from '../../config';
import { createSandbox, sandboxFixtures, seedData } from '.';
import { Limits } from './limits';
import { parseMultipart } from './multipart';
import { parseZohoTime } from './util';

describe('seed', () => {
  test('groups: about that many item groups, half the items their variants (the bench’s 5,000 in 50,000); absent: one per 30', () => {
    const d = seedData({ items: 2000, customers: 1, groups: 200 });
    expect(d.itemgroups).toHaveLength(200);
    expect(d.items.filter((i) => i.group_id)).toHaveLength(1000);
    // Each group's variants are distinct size/colour pairs of its own.
    const g = d.itemgroups![0]!;
    const pairs = d.items.filter((i) => i.group_id === g.group_id).map((i) => `${i.attribute_option_name1}/${i.attribute_option_name2}`);
    expect(new Set(pairs).size).toBe(5);
    // Without it, the items tests and saved states know stay put.
    expect(seedData({ items: 300, customers: 1 }).items).toEqual(seedData({ items: 300, customers: 1, groups: undefined }).items);
    expect(seedData({ items: 300, customers: 1 }).itemgroups).toHaveLength(10);
  });

  test('deterministic, and entity i does not depend on the size', () => {
    const a = seedData();
    const b = seedData();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const big = seedData({ items: 2000, customers: 500 });
    expect(big.items[0]).toEqual(a.items[0]);
    expect(big.items[299]).toEqual(a.items[299]);
    expect(big.contacts[0]).toEqual(a.contacts[0]);
    expect(seedData({ seed: 7 }).items[0]!.name).not.toBe(a.items[0]!.name);
  });

  test('default size and shape: 300 items with images, 6 price lists, 3 stocked locations, 100 customers', () => {
    const d = seedData();
    expect(d.items).toHaveLength(300);
    expect(d.items.filter((i) => i.image_name).length).toBeGreaterThan(200);
    expect(new Set(d.items.map((i) => i.item_id)).size).toBe(300);
    expect(d.pricebooks).toHaveLength(6);
    expect(d.locations).toHaveLength(3);
    expect(d.locations.filter((l) => l.is_primary)).toHaveLength(1);
    expect(d.items.every((i) => i.locations.length === 3 && i.stock_on_hand === i.locations.reduce((s, l) => s + l.location_stock_on_hand, 0))).toBe(true);
    expect(d.contacts).toHaveLength(100);
    expect(new Set(d.contacts.map((c) => c.contact_name.toLowerCase())).size).toBe(100); // Zoho names are unique
    expect(d.contacts.every((c) => c.billing_address.address && c.contact_persons.length > 0 && c.email)).toBe(true);
  });

  test('a distributor’s organization: variants in groups, a tax group, currencies, volume and purchase lists, credit, people and addresses', () => {
    const d = seedData();
    const groups = d.itemgroups ?? [];
    expect(groups).toHaveLength(10); // one per 30 items
    for (const g of groups) {
      const variants = d.items.filter((i) => i.group_id === g.group_id);
      expect(variants.map((v) => v.item_id)).toEqual(g.item_ids);
      expect(new Set(variants.map((v) => `${String(v.attribute_option_name1)}/${String(v.attribute_option_name2)}`)).size).toBe(6);
      expect(new Set(variants.map((v) => v.sku)).size).toBe(6);
    }
    const group = d.taxes.find((t) => t.tax_type === 'tax_group')!;
    expect(group.tax_ids!.map((id) => d.taxes.find((t) => t.tax_id === id)!.tax_type)).toEqual(['tax', 'tax', 'compound_tax']);
    expect(d.items.some((i) => i.tax_id === group.tax_id)).toBe(true);
    expect(d.currencies!.filter((c) => c.is_base_currency).map((c) => c.currency_code)).toEqual(['USD']);
    const codes = new Set(d.contacts.map((c) => c.currency_code));
    expect([...codes].sort()).toEqual(['EUR', 'GBP', 'USD']);
    // A customer's list is in its currency (Zoho assigns no other), and no customer gets the purchase list.
    const lists = new Map(d.pricebooks.map((p) => [p.pricebook_id, p]));
    for (const c of d.contacts) if (c.pricebook_id) expect(lists.get(c.pricebook_id)!.currency_code).toBe(c.currency_code);
    expect(d.contacts.some((c) => c.pricebook_id && lists.get(c.pricebook_id)!.sales_or_purchase_type === 'purchases')).toBe(false);
    const volume = d.pricebooks.find((p) => p.pricing_scheme === 'volume')!;
    expect(volume.pricebook_items.every((x) => x.price_brackets!.length === 3 && x.price_brackets![0]!.start_quantity === 1)).toBe(true);
    expect(d.contacts.some((c) => c.pricebook_id === volume.pricebook_id)).toBe(true);
    expect(d.pricebooks.filter((p) => p.sales_or_purchase_type === 'purchases')).toHaveLength(1);
    expect(d.contacts.filter((c) => c.status === 'inactive').length).toBeGreaterThan(0);
    expect(d.contacts.filter((c) => c.is_taxable === false && c.tax_exemption_id).length).toBeGreaterThan(0);
    expect(d.contacts.filter((c) => (c.credit_limit ?? 0) > 0 && (c.outstanding_receivable_amount ?? 0) > (c.credit_limit ?? 0)).length).toBeGreaterThan(0);
    expect(d.contacts.filter((c) => (c.addresses ?? []).length > 0 && c.contact_persons.length > 1).length).toBeGreaterThan(0);
    expect(new Set(d.contacts.map((c) => c.salesperson_id)).size).toBe(d.salespersons!.length);
    expect(d.items.every((i) => /^2\d{12}$/.test(String(i.ean)))).toBe(true);
    expect(new Set(d.items.map((i) => i.ean)).size).toBe(d.items.length);
  });

  test('features added later leave earlier seeded values alone (state files and tests rely on them)', () => {
    // Values the seed gave before the distributor fields existed (commit 77c3653), read back field by field.
    const d = seedData();
    const item = (i: number) => {
      const it = d.items[i]!;
      return [it.name, it.rate, it.unit, it.tax_id, it.image_name, it.locations[0]!.location_stock_on_hand, it.locations[1]!.location_stock_on_hand];
    };
    expect(item(0)).toEqual(['Compact Glass Shelf 1', 199.7, 'pcs', '460000000000202', 'item-1.png', 164, 104]);
    expect(item(23)).toEqual(['Mini Brass Stool 24', 257.99, 'pcs', '460000000000201', 'item-24.png', 41, 14]);
    const customer = (i: number) => {
      const c = d.contacts[i]!;
      return [c.contact_name, c.email, c.payment_terms, c.pricebook_id, c.shipping_address.address];
    };
    expect(customer(0)).toEqual(['Riverside Interiors', 'orders@riverside-interiors.example', 15, '463000000000001', '187 Elm St']);
    expect(customer(99)).toEqual(['Market Depot 100', 'orders@market-depot-100.example', 15, '463000000000003', '24 Elm St']);
  });

  test('benchmark sizes are capped at 50,000 items and 10,000 customers', () => {
    const d = seedData({ items: 60_000, customers: 20_000 });
    expect(d.items).toHaveLength(50_000);
    expect(d.contacts).toHaveLength(10_000);
    expect(new Set(d.contacts.map((c) => c.contact_name.toLowerCase())).size).toBe(10_000);
  });

  test('fixtures name records that exist in the seed', () => {
    const fx = sandboxFixtures();
    const d = seedData({ items: 5, customers: 1 });
    expect(fx.customer.contact_id).toBe(d.contacts[0]!.contact_id);
    expect(fx.items.map((i) => i.item_id)).toEqual(d.items.slice(0, 3).map((i) => i.item_id));
  });
});

describe('limits on a fake clock', () => {
  let now = 0;
  const clock = () => now;

  test('per-minute windows are aligned to the clock, not to the first call', () => {
    now = 59_000;
    const l = new Limits({ perWindow: 2 }, clock);
    expect(l.enter('o').ok).toBe(true);
    expect(l.enter('o').ok).toBe(true);
    expect(l.enter('o')).toMatchObject({ ok: false, code: 44, headers: { 'X-Rate-Limit-Reset': '1' } });
    now = 60_000; // a new minute, one second later
    expect(l.enter('o').ok).toBe(true);
  });

  test('concurrency counts calls until they leave', () => {
    now = 0;
    const l = new Limits({ concurrency: 1 }, clock);
    const first = l.enter('o');
    expect(l.enter('o')).toMatchObject({ ok: false, code: 1070 });
    if (first.ok) first.leave();
    expect(l.enter('o').ok).toBe(true);
  });

  test('token throttle: 10 per window, then blocked, and each attempt while blocked extends the block', () => {
    now = 0;
    const l = new Limits({}, clock);
    for (let i = 0; i < 10; i++) {
      now += 1000;
      expect(l.admitTokenRequest('r')).toBe(true);
    }
    now = 20_000;
    expect(l.admitTokenRequest('r')).toBe(false); // blocked until 1000 + 600 000
    now = 300_000;
    expect(l.admitTokenRequest('r')).toBe(false); // and now until 900 000
    now = 700_000;
    expect(l.admitTokenRequest('r')).toBe(false); // past the first block's end, still blocked: until 1 300 000
    now = 1_300_001;
    expect(l.admitTokenRequest('r')).toBe(true);
    expect(l.admitTokenRequest('other')).toBe(true); // per refresh token
  });
});

describe('persistence', () => {
  test('documents survive a restart through the state file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-sandbox-'));
    const file = path.join(dir, 'nested', 'zoho-sandbox.json');
    try {
      const first = createSandbox({ stateFile: file, saveDelayMs: 10_000, seed: { items: 20, customers: 5 } });
      const fx = first.fixtures;
      first.state.createDocument(
        'salesorder',
        { customer_id: fx.customer.contact_id, salesorder_number: 'SO-KEEP', line_items: [{ item_id: fx.items[0]!.item_id, quantity: 1 }] },
        { ignoreAutoNumber: true },
      );
      first.state.createContact({ contact_name: 'Kept Customer' });
      first.state.mutateItems(3);
      expect(fs.existsSync(file)).toBe(false); // debounced
      await first.close(); // flushes
      const second = createSandbox({ stateFile: file, seed: { items: 20, customers: 5 } });
      expect(second.state.salesOrders().map((s) => s.salesorder_number)).toEqual(['SO-KEEP']);
      expect(second.state.createdContacts().map((c) => c.contact_name)).toEqual(['Kept Customer']);
      // Ids keep counting from where they were: no id is handed out twice.
      const next = second.state.createContact({ contact_name: 'Another' });
      expect(second.state.contacts().filter((c) => c.contact_id === next.contact_id)).toHaveLength(1);
      expect(() =>
        second.state.createDocument(
          'salesorder',
          { customer_id: fx.customer.contact_id, salesorder_number: 'SO-KEEP', line_items: [{ item_id: fx.items[0]!.item_id, quantity: 1 }] },
          { ignoreAutoNumber: true },
        ),
      ).toThrow(/already exists/);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file that is not sandbox state is refused with a clear message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-sandbox-'));
    const file = path.join(dir, 'x.json');
    fs.writeFileSync(file, '{"hello":1}');
    try {
      expect(() => createSandbox({ stateFile: file })).toThrow(/not a Zoho sandbox state file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('helpers', () => {
  test('Zoho timestamps with every offset style', () => {
    const t = Date.parse('2026-06-12T00:38:06Z');
    expect(parseZohoTime('2026-06-11T17:38:06-0700')).toBe(t);
    expect(parseZohoTime('2026-06-11T17:38:06-07:00')).toBe(t);
    expect(parseZohoTime('2026-06-12T00:38:06Z')).toBe(t);
    expect(parseZohoTime('2026-06-12')).toBe(Date.parse('2026-06-12T00:00:00Z'));
    expect(parseZohoTime('yesterday')).toBeNaN();
  });

  test('multipart parsing finds the named file part', async () => {
    const form = new FormData();
    form.append('note', 'hi');
    form.append('attachment', new Blob([new Uint8Array([1, 2, 3, 13, 10, 4])], { type: 'application/pdf' }), 'a.pdf');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const parts = parseMultipart(Buffer.from(await req.arrayBuffer()), req.headers.get('content-type')!);
    expect(parts.map((p) => p.name)).toEqual(['note', 'attachment']);
    expect(parts[1]).toMatchObject({ filename: 'a.pdf', contentType: 'application/pdf' });
    expect([...parts[1]!.data]).toEqual([1, 2, 3, 13, 10, 4]);
  });
});

describe('access tokens expire', () => {
  test('a token stops working after expires_in (401, code 57)', async () => {
    let now = Date.UTC(2026, 5, 1);
    const sb = createSandbox({ now: () => now, limits: { tokenTtlSeconds: 60 }, seed: { items: 3, customers: 1 } });
    const tokenRes = await request(sb.app).post('/oauth/v2/token').type('form').send({
      grant_type: 'refresh_token',
      client_id: SANDBOX_DEMO.clientId,
      client_secret: SANDBOX_DEMO.clientSecret,
      refresh_token: SANDBOX_DEMO.refreshToken,
    });
    expect(tokenRes.body).toMatchObject({ expires_in: 60, token_type: 'Bearer' });
    const get = () =>
      request(sb.app)
        .get('/inventory/v1/items')
        .query({ organization_id: SANDBOX_DEMO.organizationId })
        .set('Authorization', `Zoho-oauthtoken ${tokenRes.body.access_token}`);
    expect((await get()).status).toBe(200);
    now += 59_000;
    expect((await get()).status).toBe(200);
    now += 2000;
    const expired = await get();
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 57, message: 'You are not authorized to perform this operation' });
  });
});
