/**
 * A real hub for the client benches and the screenshots: the hub's own Express app (auth, the
 * catalogue data set endpoint, the built client) on a migrated SQLite database, with a catalogue
 * written through the hub's catalogue store from the Zoho sandbox's deterministic generator
 * (items, stock, a per-item price list, customers). Loopback only. No Temporal: documents posted
 * to it are stored and wait (the dispatcher would start them once Temporal answers).
 */
import type { Client } from '@temporalio/client';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../hub/app';
import { createAuth } from '../hub/auth';
import { createCatalogueService } from '../hub/catalogue/service';
import { createCatalogueStore, type RecordInput } from '../server/catalogue/store';
import { customerRecord, itemRecords, locationRecord, parseContact, priceBookRecords } from '../server/catalogue/zoho-records';
import { createOrderService } from '../hub/services/orders';
import { seedData } from '../zoho/sandbox';
import { openTestDatabase } from '../test/support/databases';
import type { SettingsRecord } from '../domain';

export const BENCH_REP = { email: 'bench-rep@satchel.local', password: 'bench-rep-password', name: 'Riley Rep' };

export interface BenchHub {
  url: string;
  records: number;
  /** false: every API connection is cut (the app and its files stay served), as with no signal. */
  setReachable(reachable: boolean): void;
  close(): Promise<void>;
}

/** Temporal is not part of these benches: a start fails the way an unreachable server does. */
const noTemporal = new Proxy(
  {},
  {
    get: () => {
      throw new Error('no Temporal in the client bench');
    },
  },
) as unknown as Client;

export async function startBenchHub({
  items,
  customers,
  groups,
  clientDir,
  log = () => undefined,
}: {
  items: number;
  customers: number;
  /** About this many item groups (zoho/sandbox/seed.ts groupLayout); absent: one per 30 items. */
  groups?: number;
  clientDir: string;
  log?: (line: string) => void;
}): Promise<BenchHub> {
  const { db, cleanup } = await openTestDatabase('sqlite');
  const auth = createAuth(db, { sessionIdleDays: 30, sessionMaxDays: 90 });
  await auth.users.create({ email: BENCH_REP.email, name: BENCH_REP.name, role: 'rep', password: BENCH_REP.password }, null);

  const started = Date.now();
  const data = seedData({ items, customers, groups });
  const currency = data.organization.currency_code;
  const store = createCatalogueStore(db);
  const records: RecordInput[] = [];
  for (const raw of data.locations) {
    const l = locationRecord(raw);
    if (l.ok) records.push({ kind: 'location', key: l.value.id, data: l.value.record });
  }
  for (const t of data.taxes) records.push({ kind: 'tax', key: t.tax_id, data: { name: t.tax_name, percent: t.tax_percentage } });
  for (const raw of data.pricebooks) {
    const pb = priceBookRecords(raw, currency);
    if (!pb.ok) continue;
    records.push({ kind: 'pricelist', key: pb.value.id, data: pb.value.list });
    for (const r of pb.value.rates ?? [])
      records.push({ kind: 'price', key: `${pb.value.id}:${r.itemId}`, data: { rate: r.rate, ...(r.brackets ? { brackets: r.brackets } : {}) } });
  }
  for (const raw of data.items) {
    const it = itemRecords(raw, currency);
    if (!it.ok) continue;
    records.push({ kind: 'item', key: it.value.id, data: it.value.item }, { kind: 'stock', key: it.value.id, data: it.value.stock });
  }
  for (const raw of data.contacts) {
    const c = parseContact(raw);
    if (c.ok) records.push({ kind: 'customer', key: c.value.contact_id, data: customerRecord(c.value, c.value, currency) });
  }
  const settings: SettingsRecord = {
    currency,
    product: 'inventory',
    paymentMethods: ['Bank transfer', 'Card on delivery', 'Cash'],
    fees: [
      { id: 'delivery', name: 'Delivery', amount: 1500 },
      { id: 'small', name: 'Small order', percent: 5 },
    ],
    salesReps: [{ id: 'r1', name: BENCH_REP.name, email: BENCH_REP.email }],
    defaults: { orderStatus: 'draft', quoteTarget: 'estimate' },
  };
  records.push({ kind: 'settings', key: 'client', data: settings });
  for (let i = 0; i < records.length; i += 5000) await store.write(records.slice(i, i + 5000));
  const variants = data.items.filter((i) => i.group_id).length;
  log(
    `hub catalogue: ${records.length} records written in ${Date.now() - started} ms (${data.items.length} items, ${variants} of them variants of ${data.itemgroups?.length ?? 0} item groups)`,
  );

  const orders = createOrderService({
    db,
    temporal: noTemporal,
    taskQueue: 'bench',
    temporalUiUrl: 'http://127.0.0.1:1',
    namespace: 'default',
    log: () => undefined,
  });
  const app = createApp({ auth, orders, readiness: {}, clientDir, catalogue: createCatalogueService({ db }), log: () => undefined });
  let reachable = true;
  const gate = express();
  // Unreachable: the API and the health check (what the app asks the hub) get no answer; the app's files still load.
  gate.use((req, _res, next) => (reachable || !(req.path.startsWith('/api/') || req.path === '/healthz') ? next() : req.socket.destroy()));
  gate.use(app);
  const server: Server = gate.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    records: records.length,
    setReachable: (r) => {
      reachable = r;
      if (!r) server.closeAllConnections();
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await cleanup();
    },
  };
}
