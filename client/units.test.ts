/** The client's pure parts, in Node: the form's checks, the search index, data set lines, the outbox's rules. */
import { checkDraft, hasProblems, parseAmount, parseQuantity, today } from './src/order/checks';
import { emptyDraft, type Draft } from './src/order/draft';
import { fold, SearchIndex } from './src/store/search-index';
import { parseLine } from './src/sync/records';
import { outcomeOf } from './src/outbox/deliver';
import { docStatus } from './src/outbox/status';
import type { OutboxEntry } from './src/store/outbox';

const draft = (over: Partial<Draft> = {}): Draft => ({ ...emptyDraft('cust-1'), lines: [{ itemId: 'a', quantity: '2' }], ...over });

describe('the order form’s checks', () => {
  it('reads quantities and names what is wrong with them', () => {
    expect(parseQuantity('3')).toEqual({ value: 3 });
    expect(parseQuantity(' 2,5 ')).toEqual({ value: 2.5 });
    expect(parseQuantity('0')).toEqual({ problem: 'Must be more than 0' });
    expect(parseQuantity('-2')).toEqual({ problem: 'Cannot be negative' });
    expect(parseQuantity('abc')).toEqual({ problem: 'Not a number' });
    expect(parseQuantity('1e3')).toEqual({ problem: 'Not a number' });
    expect(parseQuantity('')).toEqual({ problem: 'Enter a quantity' });
    expect(parseQuantity('2000000')).toEqual({ problem: expect.stringContaining('At most') });
  });

  it('reads amounts in the currency’s minor units', () => {
    expect(parseAmount('4.5', 'EUR')).toEqual({ value: 450 });
    expect(parseAmount('12', 'JPY')).toEqual({ value: 12 });
    expect(parseAmount('1.234', 'EUR')).toEqual({ problem: 'At most 2 decimals' });
    expect(parseAmount('-1', 'EUR')).toEqual({ problem: expect.any(String) });
  });

  it('refuses a missing customer, no lines, bad quantities and a delivery date in the past', () => {
    const now = new Date(2026, 5, 15, 12);
    expect(hasProblems(checkDraft(draft(), 'EUR', now))).toBe(false);
    const p = checkDraft(
      {
        ...draft({
          customerId: undefined,
          lines: [
            { itemId: 'a', quantity: '0' },
            { itemId: 'b', quantity: 'x' },
          ],
        }),
        details: { ...emptyDraft().details, deliveryDate: '2026-06-14', fees: [{ name: '', amount: '1' }] },
      },
      'EUR',
      now,
    );
    expect(p).toEqual({
      customer: 'Choose a customer first',
      quantity: { a: 'Must be more than 0', b: 'Not a number' },
      discount: {},
      fees: { 0: 'Name the fee' },
      deliveryDate: 'The delivery date is in the past',
    });
    expect(checkDraft(draft({ lines: [] }), 'EUR', now).lines).toBe('Add at least one product');
    expect(checkDraft({ ...draft(), details: { ...emptyDraft().details, deliveryDate: today(now) } }, 'EUR', now).deliveryDate).toBeUndefined();
  });
});

describe('the search index', () => {
  const index = new SearchIndex('test', 8);
  for (let i = 1; i <= 2000; i++)
    index.put(
      `id-${i}`,
      `${['Sturdy Oak', 'Slim Brass', 'Eco Linen', 'Müller'][i % 4]} Shelf ${i}`,
      `SKU-${String(i).padStart(5, '0')}`,
      i % 2 ? 'Odd' : 'Even',
    );

  it('finds by any part of the name or SKU, accents and case aside, codes first', () => {
    expect(fold('Müller')).toBe('muller');
    const muller = index.search('muller shelf 7', { limit: 100 });
    // The words as typed come first ("Shelf 7", "Shelf 71"...), then titles holding them apart ("Shelf 1007").
    expect(muller.hits[0]!.title).toBe('Müller Shelf 7');
    expect(muller.hits.slice(0, 29).every((h) => h.title.startsWith('Müller Shelf 7'))).toBe(true);
    expect(muller.hits.every((h) => /^Müller Shelf \d*7/.test(h.title))).toBe(true);
    expect(index.search('sku-00042').hits.map((h) => h.id)).toEqual(['id-42']);
    const r = index.search('shelf 12', { limit: 5 });
    expect(r.total).toBe(index.search('shelf 12', { limit: 10_000 }).total);
    expect(r.hits).toHaveLength(5);
    expect(index.search('brass', { group: 'Even' }).hits.every((h) => h.group === 'Even')).toBe(true);
    expect(index.groups()).toEqual(['Even', 'Odd']);
  });

  it('narrowing while typing gives the same answers as a fresh search', () => {
    const fresh = new SearchIndex('fresh', 8);
    for (let i = 1; i <= 2000; i++)
      fresh.put(
        `id-${i}`,
        `${['Sturdy Oak', 'Slim Brass', 'Eco Linen', 'Müller'][i % 4]} Shelf ${i}`,
        `SKU-${String(i).padStart(5, '0')}`,
        i % 2 ? 'Odd' : 'Even',
      );
    let typed = '';
    for (const ch of 'oak shelf 19') {
      typed += ch;
      const narrowed = index.search(typed, { limit: 20 });
      fresh.put('id-x', 'unrelated', ''); // a change: the next fresh search starts over
      fresh.remove('id-x');
      expect(narrowed).toEqual(fresh.search(typed, { limit: 20 }));
    }
    index.remove('id-19');
    expect(index.search('oak shelf 19').hits.map((h) => h.id)).not.toContain('id-19');
  });

  it('a barcode finds its item (a scanner typing into search), shown by name and SKU, not by code', () => {
    const codes = new SearchIndex('codes', 4);
    codes.put('a', 'Oak Shelf', 'SKU-1', '', ['2000000000015', '012345678905']);
    codes.put('b', 'Oak Shelf 2', 'SKU-2', '', ['2000000000022']);
    expect(codes.search('2000000000022').hits).toEqual([{ id: 'b', title: 'Oak Shelf 2', sub: 'SKU-2', group: '' }]);
    expect(codes.search('012345678905').hits.map((h) => h.id)).toEqual(['a']);
    expect(codes.search('9999999999999').total).toBe(0); // a scan that matches nothing finds nothing
  });
});

describe('data set lines', () => {
  it('accepts records and tombstones, and skips corrupt ones with the reason', () => {
    expect(parseLine('{"c":1,"k":"item","id":"i1","d":{"name":"A","rate":100,"currency":"EUR"}}').ok).toBe(true);
    expect(parseLine('{"c":2,"k":"item","id":"i1","del":1}').ok).toBe(true);
    expect(parseLine('{"type":"page","cursor":"2.abc","records":2}').ok).toBe(true);
    expect(parseLine('{"c":3,"k":"item","id":"i2","d":{"name":"B","rate":"ten","currency":"EUR"}}')).toEqual({
      ok: false,
      problem: 'item:i2: rate is not whole minor units',
    });
    expect(parseLine('{"c":3,"k":"widget","id":"i2","d":{}}')).toEqual({ ok: false, problem: 'widget:i2: not a record line' });
    expect(parseLine('{"c":4,"k":"customer","id":"c1","d":{}}')).toEqual({ ok: false, problem: 'customer:c1: no name' });
    expect(parseLine('{"c":5,"k":"item","id":"i3","d":{"na')).toEqual({ ok: false, problem: expect.stringContaining('not JSON') });
  });
});

describe('the outbox’s rules for an answer', () => {
  const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('retries 5xx, 429 and 408; waits for sign-in on 401; keeps any other 4xx as a refusal with the reason', async () => {
    expect(await outcomeOf(answer(201, { order: { stage: 'received', number: 'SO-1', zohoNumber: null } }))).toEqual({
      kind: 'sent',
      hub: expect.objectContaining({ stage: 'received', number: 'SO-1' }),
    });
    expect(await outcomeOf(answer(200, { order: { stage: 'done', number: 'SO-1' } }))).toMatchObject({ kind: 'sent', hub: { stage: 'done' } });
    for (const status of [500, 502, 503, 429, 408]) expect((await outcomeOf(answer(status, {}))).kind).toBe('retry');
    expect(await outcomeOf(new Response('<html>Bad gateway</html>', { status: 502 }))).toEqual({ kind: 'retry', reason: 'The hub answered 502' });
    expect(await outcomeOf(answer(401, { error: { message: 'Your sign-in has expired' } }))).toEqual({ kind: 'signin', reason: 'Your sign-in has expired' });
    expect(await outcomeOf(answer(400, { error: { message: 'Invalid order', fields: [{ path: 'lines', message: 'empty' }] } }))).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'Invalid order',
      fields: [{ path: 'lines', message: 'empty' }],
    });
    expect((await outcomeOf(answer(403, {}))).kind).toBe('rejected');
  });

  it('keeps a document over the per-user hourly bound queued, with the hub’s reason (429 document_rate_limited)', async () => {
    const message = 'Too many new documents: at most 120 an hour per user. The rest stay on the device and are sent in about 12 minute(s).';
    const res = new Response(JSON.stringify({ error: { message, code: 'document_rate_limited' } }), { status: 429, headers: { 'Retry-After': '700' } });
    expect(await outcomeOf(res)).toEqual({ kind: 'retry', reason: message });
  });

  it('says where a document is in the rep’s words', () => {
    const e = (over: Partial<OutboxEntry>): OutboxEntry => ({
      id: 'x',
      kind: 'order',
      body: {} as never,
      customerId: 'c',
      customerName: 'C',
      createdAt: '',
      seq: 1,
      state: 'sent',
      attempts: 1,
      ...over,
    });
    expect(docStatus(e({ state: 'queued' })).label).toBe('On this device');
    expect(docStatus(e({ hub: { stage: 'received' } })).label).toBe('Received by the hub');
    expect(docStatus(e({ hub: { stage: 'in_zoho', zohoNumber: 'SO-00042' } }))).toEqual({ tone: 'zoho', label: 'In Zoho', detail: 'Number SO-00042' });
    expect(docStatus(e({ hub: { stage: 'done' } })).label).toBe('Emailed');
    expect(docStatus(e({ hub: { stage: 'needs_attention', attentionReason: 'Unknown item' } }))).toEqual({
      tone: 'attention',
      label: 'Needs attention',
      detail: 'Unknown item',
    });
    expect(docStatus(e({ state: 'rejected', rejection: { status: 422, message: 'On credit hold', fields: [] } })).detail).toContain('On credit hold');
  });

  it('a customer edit: the hub’s answer is its status, and the list says it in the rep’s words', async () => {
    const edit = { id: 'e', zohoContactId: 'zc', phone: '+1 555 0100', before: {}, createdAt: '2026-12-01T09:00:00.000Z' };
    const entry: OutboxEntry = {
      id: 'e',
      kind: 'customer-edit',
      body: edit,
      customerId: 'zc',
      customerName: 'Shop',
      createdAt: '',
      seq: 1,
      state: 'queued',
      attempts: 0,
    };
    const summary = { ...edit, status: 'pending', applied: {}, kept: {}, message: null, updatedAt: '2026-12-01T09:00:01.000Z' };
    expect(await outcomeOf(answer(201, { edit: summary }))).toEqual({
      kind: 'sent',
      hub: { stage: 'pending', attentionReason: null, edit: { applied: {}, kept: {} }, updatedAt: summary.updatedAt },
    });
    const sent = (hub: OutboxEntry['hub']) => docStatus({ ...entry, state: 'sent', hub });
    expect(sent({ stage: 'pending' }).label).toBe('On its way to Zoho');
    expect(sent({ stage: 'applied' })).toEqual({ tone: 'zoho', label: 'Saved in Zoho' });
    expect(sent({ stage: 'conflict', attentionReason: 'the phone was changed in Zoho' })).toEqual({
      tone: 'attention',
      label: 'Zoho kept a newer value',
      detail: 'the phone was changed in Zoho',
    });
  });
});
