import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { DIALECTS, openTestDatabase } from '../../test/support/databases';
import { countKind, download, newDevice } from '../../test/support/dataset-client';
import type { Database } from '../../server/db/connect';
import { errorHandler } from '../errors';
import { catalogueRouter } from '../routes/catalogue';
import { chooseEncoding, CursorError, formatCursor, parseCursor } from './dataset';
import { createCatalogueService } from './service';
import { createCatalogueStore, type CatalogueStore } from '../../server/catalogue/store';
import { testAuth } from '../../test/support/auth';

describe('cursors', () => {
  const head = { changeNo: 42, epoch: 'abcdef01' };
  it('accepts 0 and its own cursors, and refuses malformed, foreign and future ones', () => {
    expect(parseCursor(undefined, head)).toBe(0);
    expect(parseCursor('0', head)).toBe(0);
    expect(parseCursor(formatCursor(42, head.epoch), head)).toBe(42);
    expect(parseCursor('17.abcdef01', head)).toBe(17);
    for (const bad of ['x', '-1', '17', '17.abcdef02', '43.abcdef01', '1e3.abcdef01', ['1', '2']]) {
      expect(() => parseCursor(bad, head)).toThrow(CursorError);
    }
    expect(() => parseCursor('43.abcdef01', head)).toThrow(/start over with since=0/);
  });

  it('prefers brotli, then gzip, honouring q=0', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding(undefined)).toBe('identity');
  });
});

describe.each(DIALECTS)('catalogue store on %s', (dialect) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let store: CatalogueStore;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(dialect));
    store = createCatalogueStore(db);
    const app = express();
    app.use((req, _res, next) => {
      const u = req.get('x-test-user');
      if (u) (req as { user?: unknown }).user = JSON.parse(u);
      next();
    });
    app.use(
      '/api',
      catalogueRouter(createCatalogueService({ db, repField: 'cf_sales_rep' }), testAuth(db), () => undefined),
    );
    app.use(errorHandler(() => undefined));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await cleanup?.();
  });

  const admin = { id: 'a', email: 'admin@x', role: 'admin' };

  it('numbers only what changed, in one sequence across kinds', async () => {
    const start = (await store.head()).changeNo;
    const first = await store.write([
      { kind: 'item', key: 'i1', data: { name: 'One', rate: 100, currency: 'USD' } },
      { kind: 'item', key: 'i2', data: { name: 'Two', rate: 200, currency: 'USD' } },
      { kind: 'stock', key: 'i1', data: { total: 5 } },
    ]);
    expect(first).toMatchObject({ changed: 3, unchanged: 0 });
    expect((await store.head()).changeNo).toBe(start + 3);

    const again = await store.write([
      { kind: 'item', key: 'i1', data: { name: 'One', rate: 100, currency: 'USD' } },
      { kind: 'item', key: 'i2', data: { name: 'Two', rate: 250, currency: 'USD' } },
    ]);
    expect(again).toMatchObject({ changed: 1, unchanged: 1 });
    const rows = await store.page(start, start + 10, 10);
    expect(rows.map((r) => [r.kind, r.key, r.changeNo - start])).toEqual([
      ['item', 'i1', 1],
      ['stock', 'i1', 3],
      ['item', 'i2', 4],
    ]);
  });

  it('keeps a tombstone (with its last data) instead of forgetting, and revives it', async () => {
    await store.write([{ kind: 'item', key: 't1', data: { name: 'Gone soon', rate: 1, currency: 'USD' } }]);
    const del = await store.write([{ kind: 'item', key: 't1', data: {}, deleted: true }]);
    expect(del.changed).toBe(1);
    const row = await store.get('item', 't1');
    expect(row).toMatchObject({ deleted: true });
    expect(JSON.parse(row!.data)).toMatchObject({ name: 'Gone soon' });
    expect((await store.write([{ kind: 'item', key: 't1', data: {}, deleted: true }])).changed).toBe(0);
    expect((await store.write([{ kind: 'item', key: 'never', data: {}, deleted: true }])).changed).toBe(0);
    expect((await store.write([{ kind: 'item', key: 't1', data: { name: 'Gone soon', rate: 1, currency: 'USD' } }])).changed).toBe(1);
    expect((await store.get('item', 't1'))!.deleted).toBe(false);
  });

  it('moves a customer between reps with a tombstone first, so every device ends right', async () => {
    const before = (await store.head()).changeNo;
    await store.write([{ kind: 'customer', key: 'c1', scope: 'anna@x', data: { name: 'Corner', detailed: true } }]);
    const moved = await store.write([{ kind: 'customer', key: 'c1', scope: 'ben@x', data: { name: 'Corner', detailed: true } }]);
    expect(moved).toMatchObject({ changed: 1, moved: 1 });
    const anna = await store.page(before, before + 10, 10, 'anna@x');
    // One row per customer and rep: anna's row is now a tombstone (its live version is gone).
    expect(anna.map((r) => [r.key, r.deleted])).toEqual([['c1', true]]);
    const ben = await store.page(before, before + 10, 10, 'ben@x');
    expect(ben.map((r) => [r.key, r.deleted])).toEqual([['c1', false]]);
    const all = await store.page(before, before + 10, 10);
    expect(all.map((r) => [r.scope, r.deleted])).toEqual([
      ['anna@x', true],
      ['ben@x', false],
    ]);
  });

  it('tombstones what a full pass did not see', async () => {
    await store.write(
      [
        { kind: 'tax', key: 's1', data: { name: 'Seen', percent: 1 } },
        { kind: 'tax', key: 's2', data: { name: 'Unseen', percent: 2 } },
      ],
      { seenRun: 'run-1' },
    );
    await store.write([{ kind: 'tax', key: 's1', data: { name: 'Seen', percent: 1 } }], { seenRun: 'run-2' });
    const gone = await store.tombstoneUnseen('tax', 'run-2');
    expect(gone).toEqual(['s2']);
    expect((await store.get('tax', 's2'))!.deleted).toBe(true);
    expect((await store.get('tax', 's1'))!.deleted).toBe(false);
  });

  it('gives concurrent writers distinct, gap-free numbers', async () => {
    const before = (await store.head()).changeNo;
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        store.write(Array.from({ length: 25 }, (_, i) => ({ kind: 'price' as const, key: `pb:${w}-${i}`, data: { rate: i } }))),
      ),
    );
    const after = (await store.head()).changeNo;
    expect(after - before).toBe(200);
    const rows = await store.page(before, after, 1000);
    expect(rows.map((r) => r.changeNo)).toEqual(Array.from({ length: 200 }, (_, i) => before + 1 + i));
  });

  it('serves the data set since a cursor, compressed, page by page, and refuses a bad cursor with a 400', async () => {
    const device = newDevice();
    const full = await download(device, { baseUrl, user: admin, limit: 7, keepLines: true });
    expect(full).toMatchObject({ status: 200, completed: true, more: false });
    expect(full.headers['content-encoding']).toBe('br');
    expect(full.lines.filter((l) => 'type' in l && l.type === 'page').length).toBeGreaterThan(2);
    expect(device.cursor).toBe(formatCursor((await store.head()).changeNo, (await store.head()).epoch));
    expect(countKind(device, 'item')).toBeGreaterThanOrEqual(3);
    expect(device.records.has('item:t1')).toBe(true);

    await store.write([{ kind: 'item', key: 'i1', data: { name: 'One (new name)', rate: 100, currency: 'USD' } }]);
    const delta = await download(device, { baseUrl, user: admin, encoding: 'gzip', keepLines: true });
    expect(delta.headers['content-encoding']).toBe('gzip');
    expect(delta.records).toBe(1);
    expect(device.records.get('item:i1')).toMatchObject({ name: 'One (new name)' });
    const nothing = await download(device, { baseUrl, user: admin });
    expect(nothing.records).toBe(0);

    for (const since of ['garbage', '99999999.' + (await store.head()).epoch, '1.00000000']) {
      const res = await download(newDevice(), { baseUrl, user: admin, since });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'cursor_invalid', restartFrom: '0' } });
      expect((res.body as { error: { message: string } }).error.message).toMatch(/since=0/);
    }
    expect((await download(newDevice(), { baseUrl, user: admin, limit: 99_999 })).status).toBe(400);
    expect((await download(newDevice(), { baseUrl })).status).toBe(401);
  });

  it('scopes customers to the signed-in rep, and shares everything else', async () => {
    await store.write([
      { kind: 'customer', key: 'sc-anna', scope: 'anna@x', data: { name: 'Anna’s', detailed: true } },
      { kind: 'customer', key: 'sc-ben', scope: 'ben@x', data: { name: 'Ben’s', detailed: true } },
      { kind: 'customer', key: 'sc-shared', scope: '', data: { name: 'Unassigned', detailed: true } },
      { kind: 'customer', key: 'sc-pending', scope: '?', data: { name: 'Rep not known yet', detailed: false } },
    ]);
    const anna = newDevice();
    await download(anna, { baseUrl, user: { id: 'u1', email: 'Anna@X', role: 'rep' } });
    expect(anna.records.has('customer:sc-anna')).toBe(true);
    expect(anna.records.has('customer:sc-shared')).toBe(true);
    expect(anna.records.has('customer:sc-ben')).toBe(false);
    expect(anna.records.has('customer:sc-pending')).toBe(false);
    expect(anna.records.has('customer:c1')).toBe(false); // moved to ben earlier
    expect(anna.records.has('item:i1')).toBe(true);
    const support = newDevice();
    await download(support, { baseUrl, user: { id: 'u2', email: 'sam@x', role: 'support' } });
    expect(['sc-anna', 'sc-ben', 'sc-shared', 'sc-pending', 'c1'].every((k) => support.records.has(`customer:${k}`))).toBe(true);
  });
});
