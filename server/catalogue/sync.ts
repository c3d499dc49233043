/**
 * Zoho → hub: the steps of a catalogue sync, each one Zoho call at most (so each can be one
 * activity on the rate-capped Zoho task queue) plus database writes. The workflow
 * (workflows/catalogue-sync.workflow.ts) strings them together and paces them.
 *
 * Items and contacts page by `last_modified_time`, oldest first, as a keyset: each page asks for
 * "changed since the last one I saw" rather than "page n", so a record that changes mid-sweep moves
 * to the end instead of shifting an unseen one into a page already read. A full pass is the same
 * sweep from the beginning; records it does not see are tombstoned. Price lists, locations and the
 * organization have no time filter in Zoho: they are read whole (one call each).
 */
import type { ZohoProduct } from '../../domain';
import type { CatalogueKind, CustomerRecord, OrderTermsSettings, SettingsRecord, TaxRecord } from '../../domain';
import { defaultMapping } from '../../mappings';
import type { ZohoClient } from '../../zoho/connector';
import { ZohoError, ZohoNotFoundError } from '../../zoho/connector/errors';
import type { Database } from '../db/connect';
import {
  customerRecord,
  itemRecords,
  unitDecimals,
  locationRecord,
  parseContact,
  priceBookRecords,
  repOf,
  type ItemQuantityFields,
  type ParsedContact,
} from './zoho-records';
import { createCatalogueStore, type RecordInput } from './store';
import { readPolicies } from '../policies/store';
import { QueryTypes } from 'sequelize';

/**
 * Where the next page starts. Zoho documents `last_modified_time` as "modified after", yet answers
 * have been read both ways (at-or-after, strictly after), with one-second resolution. So the filter
 * asked for is always one second before the newest time seen: strictly-after then still lists that
 * second, at-or-after lists one more; what was already processed there is skipped by `seen`.
 */
export interface PagerCursor {
  /** Zoho's `last_modified_time` filter (in the offset Zoho writes), absent from the start of a full pass. */
  since?: string;
  sinceMs?: number;
  page: number;
  /** `id@modifiedMs` of the records already processed at or after `sinceMs` (a record changed again since is not skipped). */
  seen: string[];
  /** `pages`: Zoho cannot filter or sort by time (Books items): plain page numbers. */
  mode: 'keyset' | 'pages';
}

export interface StepCounts {
  fetched: number;
  changed: number;
  skipped: number;
  deleted: number;
  calls: number;
}

export interface PageResult {
  next: PagerCursor | null;
  counts: StepCounts;
  /** The newest `last_modified_time` seen so far in this sweep. */
  highWater?: { since: string; sinceMs: number };
}

export interface RunPlan {
  full: boolean;
  items: PagerCursor | null;
  contacts: PagerCursor;
  /** The organization's currency is not known yet (first run): fetch it. */
  needOrganization: boolean;
}

export interface CatalogueSyncDeps {
  db: Database;
  zoho: ZohoClient;
  product: ZohoProduct;
  /** Api name of the contact custom field holding the assigned rep's e-mail; unset: no scoping. */
  repField?: string;
  /** Item custom fields holding the minimum order quantity and pack size (default: cf_min_order_qty, cf_pack_size). */
  itemQuantityFields?: ItemQuantityFields;
  /** Contact custom field (api_name) that holds a customer on hold; unset: none is. */
  onHoldField?: string;
  /** The organization's tax preferences and payment methods the devices get (config CATALOGUE_*, ZOHO_PRICES_INCLUDE_TAX, ...). */
  orderTerms?: OrderTermsSettings;
  warn?: (msg: string, detail?: Record<string, unknown>) => void;
}

const ZERO = (): StepCounts => ({ fetched: 0, changed: 0, skipped: 0, deleted: 0, calls: 0 });
const PENDING_SCOPE = '?';

/** Zoho's `2026-06-11T17:38:06-0700` (or `+05:30`, `Z`) to epoch ms; NaN when unreadable. */
export function zohoTimeMs(s: string | undefined): number {
  if (!s) return NaN;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return Date.parse(s);
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return Date.parse(`${m[1]}T${m[2]!.length === 5 ? `${m[2]}:00` : m[2]}${zone}`);
}

/** A Zoho timestamp one second earlier, in the same offset and style (`2026-06-11T17:38:05-0700`). */
export function zohoSecondBefore(s: string): string {
  const ms = zohoTimeMs(s);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m || !Number.isFinite(ms)) return new Date(ms - 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
  const zone = m[3] ?? '';
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMin = zone && zone !== 'Z' ? sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) : 0;
  const local = new Date(ms - 1000 + offsetMin * 60_000).toISOString().slice(0, 19);
  return `${local}${zone}`;
}

/** What `seen` remembers of a row: its id at the time it carried (a later change is new work). */
export const seenKey = (r: { id: string; modified?: string }): string => `${r.id}@${zohoTimeMs(r.modified)}`;

/** The first cursor of an incremental sweep from the last sweep's newest time (see PagerCursor). */
export function cursorAfter(hw: { since: string; sinceMs: number }): PagerCursor {
  return { since: zohoSecondBefore(hw.since), sinceMs: hw.sinceMs - 1000, page: 1, seen: [], mode: 'keyset' };
}

/** The next keyset cursor after a page whose rows (in Zoho's order) carried these times. */
export function nextCursor(cursor: PagerCursor, rows: Array<{ id: string; modified?: string }>, hasMore: boolean): PagerCursor | null {
  if (!hasMore || rows.length === 0) return null;
  if (cursor.mode === 'pages') return { ...cursor, page: cursor.page + 1 };
  let last: { since: string; ms: number } | undefined;
  for (const r of rows) {
    const ms = zohoTimeMs(r.modified);
    if (Number.isFinite(ms) && (!last || ms >= last.ms)) last = { since: r.modified!, ms };
  }
  if (!last) return { ...cursor, page: cursor.page + 1 };
  const floorMs = last.ms - 1000;
  if (cursor.sinceMs !== undefined && floorMs <= cursor.sinceMs) {
    // The page got no further than the second after the filter: more of it on the next page.
    return { ...cursor, page: cursor.page + 1, seen: [...cursor.seen, ...rows.map(seenKey)] };
  }
  const seen = rows.filter((r) => zohoTimeMs(r.modified) >= floorMs).map(seenKey);
  return { since: zohoSecondBefore(last.since), sinceMs: floorMs, page: 1, seen, mode: 'keyset' };
}

function highWaterOf(prev: PageResult['highWater'], rows: Array<{ modified?: string }>): PageResult['highWater'] {
  let hw = prev;
  for (const r of rows) {
    const ms = zohoTimeMs(r.modified);
    if (Number.isFinite(ms) && (!hw || ms > hw.sinceMs)) hw = { since: r.modified!, sinceMs: ms };
  }
  return hw;
}

interface ContactRow {
  contact_id: string;
  summary: string;
  modified_ms: string | number;
  detail: string | null;
  detail_modified_ms: string | number | null;
}

/** A contact the data set carries: customers, active or not (vendors are not sold to). */
const isCustomer = (contact: ParsedContact) => (contact.contact_type ?? 'customer') === 'customer';

export function createCatalogueSync({
  db,
  zoho,
  product,
  repField,
  itemQuantityFields,
  onHoldField,
  orderTerms,
  warn = (m, d) => console.warn(m, d ?? ''),
}: CatalogueSyncDeps) {
  const store = createCatalogueStore(db);
  const sequelize = db.sequelize;
  const sqlite = db.dialect === 'sqlite';
  const bool = (v: boolean) => (sqlite ? (v ? 1 : 0) : v);

  /**
   * Foreign currencies' rates from `/settings/currencies`. A connection without the settings scope
   * (or a refusal) leaves them out with a warning: prices then stay in the base currency, flagged.
   */
  async function readExchangeRates(base: string | undefined): Promise<Record<string, number>> {
    const rates: Record<string, number> = {};
    try {
      for (const c of await zoho.currencies.list()) {
        const rate = Number(c.exchange_rate);
        if (c.currency_code && c.currency_code !== base && !c.is_base_currency && Number.isFinite(rate) && rate > 0) rates[c.currency_code] = rate;
      }
    } catch (err) {
      if (!(err instanceof ZohoError) || err.retryable) throw err;
      warn('catalogue sync: could not read the exchange rates (foreign-currency prices stay unconverted)', { problem: err.message });
    }
    return rates;
  }

  /**
   * Taxes as Zoho's settings hold them: simple, compound, and groups with their members (one call
   * for the list, one per group), so a device charges a group as Zoho does. A refusal (no settings
   * scope) leaves the item-borne taxes alone, with a warning.
   */
  async function readTaxSettings(): Promise<{ records: Record<string, TaxRecord>; calls: number }> {
    const records: Record<string, TaxRecord> = {};
    let calls = 1;
    try {
      const listed = await zoho.taxes.list();
      const kindOf = (t: { tax_type?: string }) => (t.tax_type === 'compound_tax' || t.tax_type === 'tax_group' ? t.tax_type : 'tax');
      for (const t of listed) {
        const percent = Number(String(t.tax_percentage).replace(/%$/, ''));
        if (!t.tax_id || !Number.isFinite(percent)) continue;
        records[t.tax_id] = { name: t.tax_name, percent, kind: kindOf(t) };
      }
      for (const t of listed.filter((x) => kindOf(x) === 'tax_group')) {
        calls++;
        const group = await zoho.taxes.group(t.tax_id);
        const components = group.taxes.map((m) => ({
          id: m.tax_id,
          name: m.tax_name,
          percent: Number(String(m.tax_percentage).replace(/%$/, '')),
          compound: kindOf(m) === 'compound_tax',
        }));
        if (components.length && components.every((c) => c.id && Number.isFinite(c.percent))) records[t.tax_id] = { ...records[t.tax_id]!, components };
      }
    } catch (err) {
      if (!(err instanceof ZohoError) || err.retryable) throw err;
      warn('catalogue sync: could not read the tax settings (taxes stay as the items name them)', { problem: err.message });
    }
    return { records, calls };
  }

  /** Inventory's units and their decimal places (the order rule `unit_decimals`); Books describes none. Calls made. */
  async function readUnits(): Promise<number> {
    if (product !== 'inventory') return 0;
    try {
      await store.setState('units', unitDecimals(await zoho.units.list()));
    } catch (err) {
      if (!(err instanceof ZohoError) || err.retryable) throw err;
      warn('catalogue sync: could not read the units of measurement (quantities are not checked against them)', { problem: err.message });
    }
    return 1;
  }

  async function currency(): Promise<string> {
    return (await store.getState<{ currency: string }>('organization'))?.currency ?? 'USD';
  }

  function scopeOf(summary: ParsedContact, detail: ParsedContact | undefined): string {
    if (!repField) return '';
    const fromDetail = detail ? repOf(detail, repField) : undefined;
    const rep = fromDetail ?? repOf(summary, repField);
    return rep === undefined ? PENDING_SCOPE : rep;
  }

  function withRep(record: CustomerRecord, scope: string): CustomerRecord {
    return scope && scope !== PENDING_SCOPE ? { ...record, rep: scope } : record;
  }

  function skip(what: string, id: string | undefined, problem: string): void {
    warn(`catalogue sync: skipped a Zoho ${what} that could not be read`, { id: id ?? '(no id)', problem });
  }

  async function loadContacts(ids: string[]): Promise<Map<string, ContactRow>> {
    const out = new Map<string, ContactRow>();
    for (let i = 0; i < ids.length; i += 400) {
      const chunk = ids.slice(i, i + 400);
      const rows = await sequelize.query<ContactRow>(
        `SELECT contact_id, summary, modified_ms, detail, detail_modified_ms FROM catalogue_contacts WHERE contact_id IN (${chunk.map(() => '?').join(',')})`,
        { replacements: chunk, type: QueryTypes.SELECT },
      );
      for (const r of rows) out.set(r.contact_id, r);
    }
    return out;
  }

  async function saveContact(
    id: string,
    fields: { summary?: ParsedContact; modifiedMs?: number; detail?: ParsedContact | null; detailModifiedMs?: number | null; due: boolean },
  ): Promise<void> {
    const now = new Date();
    const sets: string[] = ['detail_due = excluded.detail_due', 'updated_at = excluded.updated_at'];
    if (fields.summary) sets.push('summary = excluded.summary', 'modified_ms = excluded.modified_ms');
    if (fields.detail !== undefined) sets.push('detail = excluded.detail', 'detail_modified_ms = excluded.detail_modified_ms');
    await sequelize.query(
      `INSERT INTO catalogue_contacts (contact_id, summary, modified_ms, detail, detail_modified_ms, detail_due, updated_at) VALUES (?,?,?,?,?,?,?) ` +
        `ON CONFLICT (contact_id) DO UPDATE SET ${sets.join(', ')}`,
      {
        replacements: [
          id,
          JSON.stringify(fields.summary ?? fields.detail ?? {}),
          fields.modifiedMs ?? 0,
          fields.detail ? JSON.stringify(fields.detail) : null,
          fields.detailModifiedMs ?? null,
          bool(fields.due),
          now,
        ],
      },
    );
  }

  return {
    store,

    /** What this run does: a full pass when asked, on the first run, or when the last one is older than `fullEveryMs`. */
    async plan(mode: 'auto' | 'full' | 'incremental', fullEveryMs: number, nowMs: number): Promise<RunPlan> {
      const lastFull = await store.getState<{ at: number }>('lastFull');
      const full = mode === 'full' || !lastFull || (mode === 'auto' && nowMs - lastFull.at >= fullEveryMs);
      const itemsHw = await store.getState<{ since: string; sinceMs: number }>('items');
      const contactsHw = await store.getState<{ since: string; sinceMs: number }>('contacts');
      const fresh = (m: PagerCursor['mode']): PagerCursor => ({ page: 1, seen: [], mode: m });
      const from = (hw: { since: string; sinceMs: number } | undefined): PagerCursor => (full || !hw ? fresh('keyset') : cursorAfter(hw));
      return {
        full,
        // Books cannot list items changed since a time: its items come with full passes only.
        items: product === 'books' ? (full ? fresh('pages') : null) : from(itemsHw),
        contacts: from(contactsHw),
        needOrganization: full || !(await store.getState('organization')),
      };
    },

    /** The organization's currency, its exchange rates and its tax settings (refreshed with every full pass). */
    async organization(): Promise<StepCounts> {
      const orgs = await zoho.organizations.list();
      const org = orgs.find((o) => o.organization_id === zoho.organizationId) ?? orgs[0];
      const exchangeRates = await readExchangeRates(org?.currency_code);
      if (org?.currency_code) await store.setState('organization', { currency: org.currency_code, name: org.name, exchangeRates });
      const taxes = await readTaxSettings();
      await store.setState('taxSettings', taxes.records);
      const unitCalls = await readUnits();
      const changed = (await store.write(Object.entries(taxes.records).map(([key, data]) => ({ kind: 'tax' as CatalogueKind, key, data })))).changed;
      return { ...ZERO(), fetched: orgs.length, changed, calls: 2 + taxes.calls + unitCalls };
    },

    async locations(): Promise<StepCounts> {
      const counts = { ...ZERO(), calls: 1 };
      if (product !== 'inventory') return { ...counts, calls: 0 };
      const rows = await zoho.locations.list();
      const records: RecordInput[] = [];
      const present = new Set<string>();
      for (const raw of rows) {
        const l = locationRecord(raw);
        counts.fetched++;
        if (!l.ok) {
          counts.skipped++;
          skip('location', l.id, l.problem);
          continue;
        }
        present.add(l.value.id);
        records.push({ kind: 'location', key: l.value.id, data: l.value.record, deleted: !l.value.active });
      }
      for (const key of await store.liveKeys('location')) if (!present.has(key)) records.push({ kind: 'location', key, data: {}, deleted: true });
      const w = await store.write(records);
      counts.changed = w.changed;
      return counts;
    },

    /** One page of items (one call): items, their stock, and the taxes they name. */
    async itemsPage(runId: string, full: boolean, cursor: PagerCursor, highWater?: PageResult['highWater']): Promise<PageResult> {
      const counts = { ...ZERO(), calls: 1 };
      const page = await zoho.items.list({ page: cursor.page, modifiedSince: cursor.mode === 'keyset' ? cursor.since : undefined });
      const cur = await currency();
      const taxSettings = (await store.getState<Record<string, TaxRecord>>('taxSettings')) ?? {};
      const units = (await store.getState<Record<string, number>>('units')) ?? {};
      const records: RecordInput[] = [];
      const order: Array<{ id: string; modified?: string }> = [];
      const seen = new Set(cursor.seen);
      const garbled: string[] = [];
      for (const raw of page.items as unknown[]) {
        counts.fetched++;
        const parsed = itemRecords(raw, cur, itemQuantityFields, units);
        if (!parsed.ok) {
          counts.skipped++;
          skip('item', parsed.id, parsed.problem);
          if (parsed.id) garbled.push(parsed.id);
          continue;
        }
        const it = parsed.value;
        order.push({ id: it.id, modified: it.modified });
        if (cursor.sinceMs !== undefined && seen.has(seenKey(it))) continue;
        records.push({ kind: 'item', key: it.id, data: it.item, deleted: !it.active });
        records.push({ kind: 'stock', key: it.id, data: it.stock, deleted: !it.active });
        // The settings' version of a tax (its kind, a group's members) wins over what the item says of it.
        if (it.tax) records.push({ kind: 'tax', key: it.tax.id, data: taxSettings[it.tax.id] ?? it.tax.record });
        if (!it.active) counts.deleted++;
      }
      const w = await store.write(records, { seenRun: full ? runId : undefined });
      // Unreadable this time is not deleted: the last good version stays (and is not tombstoned by a full pass).
      if (full) for (const kind of ['item', 'stock'] as const) await store.touch(kind, garbled, runId);
      counts.changed = w.changed;
      return { next: nextCursor(cursor, order, page.hasMore), counts, highWater: highWaterOf(highWater, order) };
    },

    /** Every price list with its rates: one call (plus one per per-item list the listing left its rates out of). */
    async priceLists(): Promise<StepCounts> {
      const counts = ZERO();
      const books = await zoho.priceBooks.list();
      counts.calls++;
      const cur = await currency();
      const present = new Set<string>();
      for (const raw of books) {
        counts.fetched++;
        let parsed = priceBookRecords(raw, cur);
        if (parsed.ok && parsed.value.list.type === 'per_item' && parsed.value.rates === undefined) {
          counts.calls++;
          parsed = priceBookRecords(await zoho.priceBooks.get(parsed.value.id), cur);
        }
        if (!parsed.ok) {
          counts.skipped++;
          skip('price list', parsed.id, parsed.problem);
          continue;
        }
        const pb = parsed.value;
        for (const s of pb.skipped) {
          counts.skipped++;
          skip(`price list rate in ${pb.id}`, s.id, s.problem);
        }
        present.add(pb.id);
        const records: RecordInput[] = [{ kind: 'pricelist', key: pb.id, data: pb.list, deleted: !pb.active }];
        const keys = new Set<string>();
        if (pb.active) {
          for (const r of pb.rates ?? []) {
            keys.add(`${pb.id}:${r.itemId}`);
            records.push({ kind: 'price', key: `${pb.id}:${r.itemId}`, data: r.brackets ? { rate: r.rate, brackets: r.brackets } : { rate: r.rate } });
          }
        }
        for (const key of await store.liveKeys('price', `${pb.id}:`)) if (!keys.has(key)) records.push({ kind: 'price', key, data: {}, deleted: true });
        counts.changed += (await store.write(records)).changed;
      }
      for (const key of await store.liveKeys('pricelist')) {
        if (present.has(key)) continue;
        const gone: RecordInput[] = [{ kind: 'pricelist', key, data: {}, deleted: true }];
        for (const p of await store.liveKeys('price', `${key}:`)) gone.push({ kind: 'price', key: p, data: {}, deleted: true });
        counts.deleted++;
        counts.changed += (await store.write(gone)).changed;
      }
      return counts;
    },

    /** One page of customers (one call): summaries now; addresses and persons come with `contactDetail`. */
    async contactsPage(runId: string, full: boolean, cursor: PagerCursor, highWater?: PageResult['highWater']): Promise<PageResult> {
      const counts = { ...ZERO(), calls: 1 };
      const page = await zoho.contacts.list({ page: cursor.page, modifiedSince: cursor.since });
      const cur = await currency();
      const parsedRows: ParsedContact[] = [];
      const order: Array<{ id: string; modified?: string }> = [];
      const garbledContacts: string[] = [];
      for (const raw of page.contacts as unknown[]) {
        counts.fetched++;
        const p = parseContact(raw);
        if (!p.ok) {
          counts.skipped++;
          skip('contact', p.id, p.problem);
          if (p.id && full) garbledContacts.push(p.id);
          continue;
        }
        order.push({ id: p.value.contact_id, modified: p.value.last_modified_time });
        parsedRows.push(p.value);
      }
      const known = await loadContacts(parsedRows.map((c) => c.contact_id));
      const records: RecordInput[] = [];
      for (const summary of parsedRows) {
        const row = known.get(summary.contact_id);
        const modifiedMs = zohoTimeMs(summary.last_modified_time);
        const detailMs = row?.detail_modified_ms === null || row?.detail_modified_ms === undefined ? undefined : Number(row.detail_modified_ms);
        const due = detailMs === undefined || !Number.isFinite(modifiedMs) || modifiedMs > detailMs;
        const detail = row?.detail ? (JSON.parse(row.detail) as ParsedContact) : undefined;
        await saveContact(summary.contact_id, { summary, modifiedMs: Number.isFinite(modifiedMs) ? modifiedMs : 0, due });
        // Inactive customers stay in the data set (marked `active: false`); only non-customers (vendors) are withdrawn.
        const customer = isCustomer(summary);
        const scope = scopeOf(summary, detail);
        records.push({
          kind: 'customer',
          key: summary.contact_id,
          scope,
          data: withRep(customerRecord(summary, detail, cur, { onHoldField }), scope),
          deleted: !customer,
        });
        if (!customer) counts.deleted++;
      }
      counts.changed = (await store.write(records, { seenRun: full ? runId : undefined })).changed;
      await touchCustomers(garbledContacts, runId);
      return { next: nextCursor(cursor, order, page.hasMore), counts, highWater: highWaterOf(highWater, order) };
    },

    /** Contacts whose details (addresses, persons, rep) are missing or older than their summary; newest changes first. */
    async dueContactDetails(limit: number): Promise<string[]> {
      if (limit <= 0) return [];
      const rows = await sequelize.query<{ contact_id: string }>(
        'SELECT contact_id FROM catalogue_contacts WHERE detail_due = ? ORDER BY modified_ms DESC, contact_id LIMIT ?',
        { replacements: [bool(true), limit], type: QueryTypes.SELECT },
      );
      return rows.map((r) => r.contact_id);
    },

    async countDueContactDetails(): Promise<number> {
      const rows = await sequelize.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM catalogue_contacts WHERE detail_due = ?', {
        replacements: [bool(true)],
        type: QueryTypes.SELECT,
      });
      return Number(rows[0]?.n ?? 0);
    },

    /** One contact's details (one call). */
    async contactDetail(contactId: string): Promise<StepCounts> {
      const counts = { ...ZERO(), calls: 1, fetched: 1 };
      const row = (await loadContacts([contactId])).get(contactId);
      let raw: unknown;
      try {
        raw = await zoho.contacts.get(contactId);
      } catch (err) {
        if (!(err instanceof ZohoNotFoundError)) throw err;
        // Deleted in Zoho: tombstone the customer (in whatever scope it was).
        const existing = await store.get('customer', contactId);
        if (existing && !existing.deleted) {
          counts.changed += (await store.write([{ kind: 'customer', key: contactId, scope: existing.scope, data: {}, deleted: true }])).changed;
        }
        await sequelize.query('DELETE FROM catalogue_contacts WHERE contact_id = ?', { replacements: [contactId] });
        counts.deleted++;
        return counts;
      }
      const p = parseContact(raw);
      if (!p.ok) {
        counts.skipped++;
        skip('contact', contactId, p.problem);
        await saveContact(contactId, { due: false });
        return counts;
      }
      const detail = p.value;
      const summary = row ? (JSON.parse(row.summary) as ParsedContact) : detail;
      const detailMs = zohoTimeMs(detail.last_modified_time);
      await saveContact(contactId, {
        detail,
        detailModifiedMs: Number.isFinite(detailMs) ? detailMs : Number(row?.modified_ms ?? 0),
        due: false,
        ...(row ? {} : { summary: detail, modifiedMs: detailMs || 0 }),
      });
      // The detail is the newer answer: it wins over the listed summary.
      const merged = { ...summary, ...detail };
      const scope = scopeOf(merged, detail);
      counts.changed += (
        await store.write([
          {
            kind: 'customer',
            key: contactId,
            scope,
            data: withRep(customerRecord(merged, detail, await currency(), { onHoldField }), scope),
            deleted: !isCustomer(detail),
          },
        ])
      ).changed;
      return counts;
    },

    /** Close a run: tombstones after complete full passes, high-water marks, the client settings record. */
    async finish(input: {
      runId: string;
      full: boolean;
      nowMs: number;
      items?: { completed: boolean; highWater?: PageResult['highWater'] };
      contacts?: { completed: boolean; highWater?: PageResult['highWater'] };
    }): Promise<{ deleted: number; changed: number; head: number }> {
      let deleted = 0;
      let changed = 0;
      if (input.full && input.items?.completed) {
        const gone = await store.tombstoneUnseen('item', input.runId);
        if (gone.length) await store.write(gone.map((key) => ({ kind: 'stock' as CatalogueKind, key, data: {}, deleted: true })));
        deleted += gone.length;
      }
      if (input.full && input.contacts?.completed) deleted += (await store.tombstoneUnseen('customer', input.runId)).length;
      if (input.items?.completed && input.items.highWater) await store.setState('items', input.items.highWater);
      if (input.contacts?.completed && input.contacts.highWater) await store.setState('contacts', input.contacts.highWater);
      if (input.full && input.items?.completed !== false && input.contacts?.completed)
        await store.setState('lastFull', { at: input.nowMs, runId: input.runId });
      changed += (await store.write([{ kind: 'settings', key: 'client', data: await settingsRecord() }])).changed;
      return { deleted, changed, head: (await store.head()).changeNo };
    },
  };

  /** Customers are stored per scope: mark every scope's row of these contacts as seen. */
  async function touchCustomers(ids: string[], runId: string): Promise<void> {
    for (const id of ids)
      await sequelize.query('UPDATE catalogue_records SET seen_run = ? WHERE kind = ? AND record_key = ?', { replacements: [runId, 'customer', id] });
  }

  async function settingsRecord(): Promise<SettingsRecord> {
    const reps = await sequelize
      .query<{ id: string; name: string; email: string }>("SELECT id, name, email FROM users WHERE role = 'rep' AND disabled_at IS NULL ORDER BY name, id", {
        type: QueryTypes.SELECT,
      })
      .catch(() => []);
    const primary = (await store.liveKeys('location')).length ? await primaryLocation() : undefined;
    const order = defaultMapping(product === 'inventory' ? 'inventory.salesorder' : 'books.salesorder');
    const exchangeRates = (await store.getState<{ exchangeRates?: Record<string, number> }>('organization'))?.exchangeRates;
    return {
      currency: await currency(),
      ...(exchangeRates && Object.keys(exchangeRates).length ? { exchangeRates } : {}),
      product,
      // The payment methods the hub is configured with (PAYMENT_METHODS); fees have no source yet.
      paymentMethods: orderTerms?.paymentMethods ?? [],
      fees: [],
      // Zoho's API exposes neither tax preference: as the admin states them (ZOHO_PRICES_INCLUDE_TAX, ZOHO_TAX_ROUNDING).
      ...(orderTerms?.taxInclusive ? { taxInclusive: true } : {}),
      ...(orderTerms?.taxRounding === 'document' ? { taxRounding: 'document' as const } : {}),
      salesReps: reps.map((r) => ({ id: r.id, name: r.name, email: r.email })),
      defaults: { orderStatus: order.status, quoteTarget: product === 'books' ? 'estimate' : 'draft_salesorder', ...(primary ? { locationId: primary } : {}) },
      // The console's order rules: the device runs the same pre-flight offline.
      policies: (await readPolicies(db)).policies,
    };
  }

  async function primaryLocation(): Promise<string | undefined> {
    const rows = await sequelize.query<{ record_key: string; data: string }>('SELECT record_key, data FROM catalogue_records WHERE kind = ? AND deleted = ?', {
      replacements: ['location', bool(false)],
      type: QueryTypes.SELECT,
    });
    return rows.find((r) => (JSON.parse(r.data) as { primary?: boolean }).primary)?.record_key ?? rows[0]?.record_key;
  }
}

export type CatalogueSync = ReturnType<typeof createCatalogueSync>;
