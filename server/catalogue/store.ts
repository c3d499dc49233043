/**
 * The catalogue store: every record the data set serves, in one table, numbered by one counter.
 *
 * Writes compare a hash of each record with the stored one and renumber only what changed, so a
 * full pass over an unchanged Zoho costs reads, not change numbers. The counter row is advanced
 * inside the write transaction and stays locked until commit, so numbers are committed in order
 * and a reader never sees number N+1 before N (the device cursor can never skip a record).
 * Works the same on SQLite and PostgreSQL (plain SQL: INSERT … ON CONFLICT, UPDATE … RETURNING).
 */
import crypto from 'node:crypto';
import { QueryTypes, Transaction } from 'sequelize';
import type { CatalogueKind } from '../../domain';
import type { Database } from '../db/connect';

export interface RecordInput {
  kind: CatalogueKind;
  key: string;
  /** '' (default) = everyone; otherwise the rep the record is for. */
  scope?: string;
  data: unknown;
  deleted?: boolean;
}

export interface WriteResult {
  changed: number;
  unchanged: number;
  /** Live rows of another scope replaced by a tombstone (a customer moved to another rep). */
  moved: number;
}

export interface StoredRow {
  changeNo: number;
  kind: CatalogueKind;
  key: string;
  scope: string;
  deleted: boolean;
  data: string;
}

/** Kinds whose records may move between scopes (one live row per key across scopes). */
const SCOPED_KINDS: ReadonlySet<CatalogueKind> = new Set(['customer']);
const CHUNK = 400;
/** Keys per read: well under SQLite's 32 766 and PostgreSQL's 65 535 parameters. */
const READ_CHUNK = 2000;

export function hashOf(deleted: boolean, json: string): string {
  return crypto
    .createHash('sha1')
    .update(deleted ? 'D' : 'L')
    .update(json)
    .digest('hex');
}

interface Existing {
  kind: string;
  record_key: string;
  scope: string;
  hash: string;
  deleted: boolean | number;
}

/** Every tombstone hashes alike: a tombstone is unchanged by another tombstone, changed by any live version. */
const TOMBSTONE_HASH = hashOf(true, '');

function groupByKey(rows: Existing[]): Map<string, Existing[]> {
  const out = new Map<string, Existing[]>();
  for (const r of rows) {
    const list = out.get(r.record_key);
    if (list) list.push(r);
    else out.set(r.record_key, [r]);
  }
  return out;
}

export function createCatalogueStore(db: Database) {
  const sequelize = db.sequelize;
  const sqlite = db.dialect === 'sqlite';
  const bool = (v: boolean) => (sqlite ? (v ? 1 : 0) : v);
  const isTrue = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

  async function transaction<T>(run: (t: Transaction) => Promise<T>): Promise<T> {
    // IMMEDIATE on SQLite: take the write lock up front (the hub and the worker share the file).
    return sequelize.transaction(sqlite ? { type: Transaction.TYPES.IMMEDIATE } : {}, run);
  }

  async function loadExisting(kind: string, keys: string[], t?: Transaction): Promise<Existing[]> {
    const out: Existing[] = [];
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const chunk = keys.slice(i, i + READ_CHUNK);
      out.push(
        ...(await sequelize.query<Existing>(
          `SELECT kind, record_key, scope, hash, deleted FROM catalogue_records WHERE kind = ? AND record_key IN (${chunk.map(() => '?').join(',')})`,
          { replacements: [kind, ...chunk], type: QueryTypes.SELECT, transaction: t },
        )),
      );
    }
    return out;
  }

  /** Reserve `n` change numbers; returns the first. Locks the counter row until the transaction ends. */
  async function allocate(n: number, t: Transaction): Promise<number> {
    const rows = await sequelize.query<{ value: string | number }>('UPDATE catalogue_counter SET value = value + ? WHERE id = 1 RETURNING value', {
      replacements: [n],
      type: QueryTypes.SELECT,
      transaction: t,
    });
    const end = Number(rows[0]?.value);
    if (!Number.isSafeInteger(end)) throw new Error('catalogue_counter is missing: run the migrations');
    return end - n + 1;
  }

  interface Row {
    kind: string;
    key: string;
    scope: string;
    deleted: boolean;
    hash: string;
    data: string;
  }

  async function upsert(rows: Array<Row & { changeNo: number }>, seenRun: string | undefined, t: Transaction): Promise<void> {
    const now = new Date();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const values: unknown[] = [];
      for (const r of chunk) values.push(r.kind, r.key, r.scope, r.changeNo, bool(r.deleted), r.hash, r.data, seenRun ?? null, now);
      await sequelize.query(
        `INSERT INTO catalogue_records (kind, record_key, scope, change_no, deleted, hash, data, seen_run, updated_at) VALUES ${chunk
          .map(() => '(?,?,?,?,?,?,?,?,?)')
          .join(',')} ON CONFLICT (kind, record_key, scope) DO UPDATE SET change_no = excluded.change_no, deleted = excluded.deleted, ` +
          // A tombstone keeps the record's last data: marked, not forgotten.
          `hash = excluded.hash, data = CASE WHEN excluded.deleted = ${sqlite ? 1 : 'TRUE'} THEN catalogue_records.data ELSE excluded.data END, seen_run = COALESCE(excluded.seen_run, catalogue_records.seen_run), updated_at = excluded.updated_at`,
        { replacements: values, transaction: t },
      );
    }
  }

  const store = {
    dialect: db.dialect,

    /** The last change number handed out, and the catalogue's epoch. */
    async head(): Promise<{ changeNo: number; epoch: string }> {
      const rows = await sequelize.query<{ value: string | number; epoch: string }>('SELECT value, epoch FROM catalogue_counter WHERE id = 1', {
        type: QueryTypes.SELECT,
      });
      if (!rows[0]) throw new Error('catalogue_counter is missing: run the migrations');
      return { changeNo: Number(rows[0].value), epoch: rows[0].epoch };
    },

    /**
     * Store records; only those whose content changed get a new change number. `seenRun` marks
     * every given record as seen by that full pass (changed or not).
     */
    async write(records: RecordInput[], opts: { seenRun?: string } = {}): Promise<WriteResult> {
      const result: WriteResult = { changed: 0, unchanged: 0, moved: 0 };
      if (records.length === 0) return result;
      // Last one wins within a batch.
      const incoming = new Map<string, Row>();
      for (const r of records) {
        const data = JSON.stringify(r.data ?? {});
        const deleted = r.deleted === true;
        const row: Row = { kind: r.kind, key: r.key, scope: r.scope ?? '', deleted, hash: hashOf(deleted, data), data };
        incoming.set(`${row.kind}\u0000${row.key}\u0000${row.scope}`, row);
      }
      const byKind = new Map<string, Row[]>();
      for (const row of incoming.values()) {
        const list = byKind.get(row.kind);
        if (list) list.push(row);
        else byKind.set(row.kind, [row]);
      }

      // Compare outside the write lock (only one sync writes at a time: the schedule never overlaps runs).
      const tombstones: Row[] = [];
      const changed: Row[] = [];
      const unchangedKeys: Array<{ kind: string; key: string; scope: string }> = [];
      for (const [kind, rows] of byKind) {
        const existing = await loadExisting(kind, [...new Set(rows.map((r) => r.key))]);
        const index = new Map(existing.map((e) => [`${e.record_key}\u0000${e.scope}`, e]));
        const byKey = SCOPED_KINDS.has(kind as CatalogueKind) ? groupByKey(existing) : undefined;
        for (const row of rows) {
          const old = index.get(`${row.key}\u0000${row.scope}`);
          // A tombstone for a record never stored (or already a tombstone) changes nothing.
          if (old ? old.hash === row.hash || (row.deleted && isTrue(old.deleted)) : row.deleted) {
            result.unchanged++;
            unchangedKeys.push(row);
          } else {
            changed.push(row.deleted ? { ...row, hash: TOMBSTONE_HASH } : row);
          }
          if (byKey && !row.deleted) {
            for (const other of byKey.get(row.key) ?? []) {
              if (other.scope !== row.scope && !isTrue(other.deleted)) {
                tombstones.push({ kind, key: other.record_key, scope: other.scope, deleted: true, hash: TOMBSTONE_HASH, data: '{}' });
              }
            }
          }
        }
      }
      // Tombstones first: a device that sees both (an admin's) ends with the live row.
      const ordered = [...tombstones, ...changed];
      if (ordered.length > 0 || (opts.seenRun && unchangedKeys.length > 0)) {
        await transaction(async (t) => {
          if (ordered.length > 0) {
            const first = await allocate(ordered.length, t);
            await upsert(
              ordered.map((r, i) => ({ ...r, changeNo: first + i })),
              opts.seenRun,
              t,
            );
          }
          if (opts.seenRun && unchangedKeys.length > 0) await markSeen(unchangedKeys, opts.seenRun, t);
        });
      }
      result.changed = changed.length;
      result.moved = tombstones.length;
      return result;
    },

    /** Tombstone every live record of `kind` that the full pass `runId` did not see. Returns their keys. */
    async tombstoneUnseen(kind: CatalogueKind, runId: string): Promise<string[]> {
      const rows = await sequelize.query<{ record_key: string; scope: string }>(
        // By key: a record seen under one scope (a customer whose rep became known) counts as seen.
        `SELECT record_key, scope FROM catalogue_records WHERE kind = ? AND deleted = ? AND (seen_run IS NULL OR seen_run <> ?) ` +
          `AND record_key NOT IN (SELECT record_key FROM catalogue_records WHERE kind = ? AND seen_run = ?)`,
        { replacements: [kind, bool(false), runId, kind, runId], type: QueryTypes.SELECT },
      );
      if (rows.length === 0) return [];
      await store.write(rows.map((r) => ({ kind, key: r.record_key, scope: r.scope, data: {}, deleted: true })));
      return rows.map((r) => r.record_key);
    },

    /** Mark records as seen by a full pass without changing them (a record Zoho sent garbage for keeps its last good version). */
    async touch(kind: CatalogueKind, keys: string[], runId: string): Promise<void> {
      if (keys.length === 0) return;
      await transaction((t) =>
        markSeen(
          keys.map((key) => ({ kind, key, scope: '' })),
          runId,
          t,
        ),
      );
    },

    /** Live keys of `kind` starting with `prefix` (e.g. the prices of one price list). */
    async liveKeys(kind: CatalogueKind, prefix = ''): Promise<string[]> {
      const rows = await sequelize.query<{ record_key: string }>(
        `SELECT record_key FROM catalogue_records WHERE kind = ? AND deleted = ? AND record_key LIKE ?`,
        { replacements: [kind, bool(false), `${prefix.replace(/[%_]/g, '')}%`], type: QueryTypes.SELECT },
      );
      return rows.map((r) => r.record_key);
    },

    /** How many live records of `kind` there are (the catalogue's size while a first sync fills it). */
    async countLive(kind: CatalogueKind): Promise<number> {
      const rows = await sequelize.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM catalogue_records WHERE kind = ? AND deleted = ?', {
        replacements: [kind, bool(false)],
        type: QueryTypes.SELECT,
      });
      return Number(rows[0]?.n ?? 0);
    },

    /** One record's stored row (any scope), for the hub's own use (images, tests). */
    async get(kind: CatalogueKind, key: string): Promise<StoredRow | undefined> {
      const rows = await sequelize.query<{
        change_no: string | number;
        kind: CatalogueKind;
        record_key: string;
        scope: string;
        deleted: unknown;
        data: string;
      }>('SELECT change_no, kind, record_key, scope, deleted, data FROM catalogue_records WHERE kind = ? AND record_key = ? ORDER BY change_no DESC', {
        replacements: [kind, key],
        type: QueryTypes.SELECT,
      });
      const r = rows.find((x) => !isTrue(x.deleted)) ?? rows[0];
      return r && { changeNo: Number(r.change_no), kind: r.kind, key: r.record_key, scope: r.scope, deleted: isTrue(r.deleted), data: r.data };
    },

    /**
     * One keyset page of the data set: records numbered in (after, upTo], oldest first.
     * `rep` set: customers of other reps (and those whose rep is not known yet) are left out.
     */
    async page(after: number, upTo: number, limit: number, rep?: string): Promise<StoredRow[]> {
      const scoped = rep !== undefined;
      const rows = await sequelize.query<{
        change_no: string | number;
        kind: CatalogueKind;
        record_key: string;
        scope: string;
        deleted: unknown;
        data: string;
      }>(
        `SELECT change_no, kind, record_key, scope, deleted, CASE WHEN deleted = ? THEN '' ELSE data END AS data FROM catalogue_records ` +
          `WHERE change_no > ? AND change_no <= ?${scoped ? ` AND (kind <> 'customer' OR scope = '' OR scope = ?)` : ''} ORDER BY change_no LIMIT ?`,
        { replacements: scoped ? [bool(true), after, upTo, rep, limit] : [bool(true), after, upTo, limit], type: QueryTypes.SELECT },
      );
      return rows.map((r) => ({ changeNo: Number(r.change_no), kind: r.kind, key: r.record_key, scope: r.scope, deleted: isTrue(r.deleted), data: r.data }));
    },

    async getState<T>(key: string): Promise<T | undefined> {
      const rows = await sequelize.query<{ value: string }>('SELECT value FROM catalogue_sync_state WHERE key = ?', {
        replacements: [key],
        type: QueryTypes.SELECT,
      });
      return rows[0] ? (JSON.parse(rows[0].value) as T) : undefined;
    },

    async clearState(key: string): Promise<void> {
      await sequelize.query('DELETE FROM catalogue_sync_state WHERE key = ?', { replacements: [key] });
    },

    async setState(key: string, value: unknown): Promise<void> {
      await sequelize.query(
        'INSERT INTO catalogue_sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        { replacements: [key, JSON.stringify(value), new Date()] },
      );
    },
  };

  async function markSeen(rows: Array<{ kind: string; key: string; scope: string }>, runId: string, t: Transaction): Promise<void> {
    const byKind = new Map<string, string[]>();
    for (const r of rows) {
      const list = byKind.get(r.kind);
      if (list) list.push(r.key);
      else byKind.set(r.kind, [r.key]);
    }
    for (const [kind, keys] of byKind) {
      for (let i = 0; i < keys.length; i += CHUNK) {
        const chunk = keys.slice(i, i + CHUNK);
        await sequelize.query(`UPDATE catalogue_records SET seen_run = ? WHERE kind = ? AND record_key IN (${chunk.map(() => '?').join(',')})`, {
          replacements: [runId, kind, ...chunk],
          transaction: t,
        });
      }
    }
  }

  return store;
}

export type CatalogueStore = ReturnType<typeof createCatalogueStore>;
