/**
 * The mapping versions in the database: append-only, the highest version of a key is the active
 * one, version 0 is the default file (never stored). Used by the hub (console) and, through
 * `createActiveMappings`, by the worker's mapping activity.
 */
import { UniqueConstraintError } from 'sequelize';
import {
  defaultMapping,
  defaultTargets,
  MappingSchema,
  MappingTargetSchema,
  TargetSettingsSchema,
  type Mapping,
  type DefaultMappingOptions,
  type MappingTarget,
  type MappingVersion,
  type TargetSettings,
  type VersionedKey,
} from '../../mappings';
import type { Database } from '../db/connect';
import type { MappingVersionRow } from '../db/mapping-models';

/** Every versioned key (see `VersionedKey`), in the order the console lists them. */
export const VERSIONED_KEYS = [...MappingTargetSchema.options, 'targets'] as const satisfies readonly VersionedKey[];

export function defaultDocument(key: VersionedKey, options: DefaultMappingOptions = {}): Record<string, unknown> {
  return key === 'targets' ? defaultTargets() : defaultMapping(key, options);
}

/** The default file (version 0) is built with the hub's settings (ORDER_PAYMENT_METHOD_FIELD). */
export function createMappingStore(db: Database, defaults: DefaultMappingOptions = {}) {
  const view = (row: MappingVersionRow, activeVersion: number): MappingVersion => ({
    target: row.target as VersionedKey,
    version: row.version,
    document: row.document,
    author: { id: row.authorId, email: row.authorEmail },
    restoredFrom: row.restoredFrom,
    createdAt: new Date(row.createdAt ?? 0).toISOString(),
    active: row.version === activeVersion,
  });
  const defaultVersion = (key: VersionedKey, active: boolean): MappingVersion => ({
    target: key,
    version: 0,
    document: defaultDocument(key, defaults),
    author: null,
    restoredFrom: null,
    createdAt: null,
    active,
  });

  async function latestNumber(key: VersionedKey): Promise<number> {
    const max = await db.MappingVersion.max<number | null, MappingVersionRow>('version', { where: { target: key } });
    return Number(max ?? 0);
  }

  return {
    latestNumber,

    async active(key: VersionedKey): Promise<MappingVersion> {
      const row = await db.MappingVersion.findOne({ where: { target: key }, order: [['version', 'DESC']] });
      return row ? view(row, row.version) : defaultVersion(key, true);
    },

    /** Newest first, ending with the default (version 0). */
    async versions(key: VersionedKey): Promise<MappingVersion[]> {
      const rows = await db.MappingVersion.findAll({ where: { target: key }, order: [['version', 'DESC']] });
      const active = rows[0]?.version ?? 0;
      return [...rows.map((r) => view(r, active)), defaultVersion(key, active === 0)];
    },

    async version(key: VersionedKey, version: number): Promise<MappingVersion | undefined> {
      const active = await latestNumber(key);
      if (version === 0) return defaultVersion(key, active === 0);
      const row = await db.MappingVersion.findOne({ where: { target: key, version } });
      return row ? view(row, active) : undefined;
    },

    /** A new version on top; it becomes the active one. Concurrent saves each get their own number. */
    async append(
      key: VersionedKey,
      document: Record<string, unknown>,
      author: { id: string | null; email: string | null },
      restoredFrom: number | null = null,
    ): Promise<MappingVersion> {
      for (let attempt = 0; ; attempt++) {
        const version = (await latestNumber(key)) + 1;
        try {
          const row = await db.MappingVersion.create({ target: key, version, document, authorId: author.id, authorEmail: author.email, restoredFrom });
          return view(row, version);
        } catch (err) {
          if (!(err instanceof UniqueConstraintError) || attempt >= 5) throw err;
        }
      }
    },
  };
}

export type MappingStore = ReturnType<typeof createMappingStore>;

export interface ActiveMapping {
  mapping: Mapping;
  version: number;
}

/**
 * The worker's view of the active versions: one cheap look at the newest version number (at most
 * every `ttlMs`); the document is read again only when that number changed. The default checks on
 * every use (one small query per order mapped), so a fix or a roll back applies to the very next
 * order or retry, never to some orders of the next two seconds only.
 */
export function createActiveMappings(
  db: Database,
  { ttlMs = 0, now = Date.now, defaults = {} }: { ttlMs?: number; now?: () => number; defaults?: DefaultMappingOptions } = {},
) {
  const store = createMappingStore(db, defaults);
  const cache = new Map<VersionedKey, { version: number; document: unknown; checkedAt: number }>();

  async function current(key: VersionedKey): Promise<{ version: number; document: unknown }> {
    const hit = cache.get(key);
    if (hit && now() - hit.checkedAt < ttlMs) return hit;
    if (hit && (await store.latestNumber(key)) === hit.version) {
      hit.checkedAt = now();
      return hit;
    }
    const active = await store.active(key);
    const entry = { version: active.version, document: active.document, checkedAt: now() };
    cache.set(key, entry);
    return entry;
  }

  return {
    async mapping(target: MappingTarget): Promise<ActiveMapping> {
      const { version, document } = await current(target);
      return { mapping: MappingSchema.parse(document), version };
    },
    async targets(): Promise<{ settings: TargetSettings; version: number }> {
      const { version, document } = await current('targets');
      return { settings: TargetSettingsSchema.parse(document), version };
    },
  };
}

export type ActiveMappings = ReturnType<typeof createActiveMappings>;
