/**
 * The console's field mappings: the active version of each target, its history, saving (refused
 * with each bad row and its reason; the active version then stays in force), rollback, diff, and
 * the preview of the exact payload a mapping makes for a real recent order or the sample.
 *
 * Every evaluation goes through the sandbox (server/mappings/sandbox): a mapping is a program a
 * user wrote. A save is also tried on the most recent real orders (or customers) of its target,
 * so a row that only fails on real data is refused before a worker meets it. Previews are
 * rate-limited per user.
 */
import { Op } from 'sequelize';
import type { CustomFieldEntity, Order } from '../../domain';
import {
  diffMappings,
  isDocumentTarget,
  MappingSchema,
  TargetSettingsSchema,
  targetFields,
  targetOf,
  validateMapping,
  type DefaultMappingOptions,
  type Mapping,
  type MappingDiff,
  type MappingPreview,
  type MappingResult,
  type MappingVersion,
  type OrganizationCustomField,
  type TargetCatalogue,
  type ValidationProblem,
  type VersionedKey,
} from '../../mappings';
import type { Actor, AuditLog } from '../auth/audit';
import type { Database } from '../../server/db/connect';
import { createMappingStore, VERSIONED_KEYS } from '../../server/mappings/active-mappings';
import { AppError } from '../../server/errors';
import type { MappingEvaluator } from '../../server/mappings/sandbox/evaluator';
import type { OrderRow } from '../../server/db/models';
import { createPreviewRate } from './preview-rate';

/** How many recent real orders (or customers) a save is tried on. */
export const SAVE_CHECK_RECENT = 50;

export interface MappingServiceDeps {
  db: Database;
  audit: AuditLog;
  /** The organization's custom fields of an entity (the Zoho connector; cached here for a minute). */
  customFields: (entity: CustomFieldEntity) => Promise<OrganizationCustomField[]>;
  /** Where every evaluation runs (the hub's pool of evaluator processes). */
  evaluator: MappingEvaluator;
  /** Previews per user per minute (MAPPING_PREVIEW_PER_MINUTE). */
  previewPerMinute?: number;
  /** What the default files (version 0) take from the configuration (ORDER_PAYMENT_METHOD_FIELD). */
  defaults?: DefaultMappingOptions;
  now?: () => number;
}

/** The order as the worker maps it: with the contact resolved since (a device customer's, once created). */
function orderForMapping(row: OrderRow): Order {
  const contactId = row.zohoContactId ?? row.payload.customer.zohoContactId;
  return { ...row.payload, customer: { ...row.payload.customer, zohoContactId: contactId ?? undefined } };
}

/** 400 with every refusal, each naming its row, list, index and Zoho field. */
function refused(what: string, problems: ValidationProblem[]): AppError {
  const first = problems[0]!;
  const fields = problems.map((p) => ({ path: p.row, ...p }));
  return new AppError(
    'invalid',
    `${what}: ${first.row}${first.zohoField ? ` (${first.zohoField})` : ''}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
    { fields, code: 'mapping_invalid' },
  );
}

export function createMappingService({ db, audit, customFields, evaluator, previewPerMinute = 30, defaults = {}, now = Date.now }: MappingServiceDeps) {
  const store = createMappingStore(db, defaults);
  const previewRate = createPreviewRate({ perMinute: previewPerMinute, now });
  const onSample = (m: Mapping) => evaluator.applyToSample(m);
  const cfCache = new Map<CustomFieldEntity, { at: number; fields: OrganizationCustomField[] }>();

  async function organizationFields(entity: CustomFieldEntity, fresh = false): Promise<OrganizationCustomField[]> {
    const hit = cfCache.get(entity);
    if (hit && !fresh && now() - hit.at < 60_000) return hit.fields;
    const fields = await customFields(entity);
    cfCache.set(entity, { at: now(), fields });
    return fields;
  }

  /** Undefined when Zoho cannot be asked: the validation then names the custom field rows it could not check. */
  /** `fresh`: a save checks against Zoho's list as it is now; a preview (every few keystrokes) may use the minute-old copy. */
  async function fieldsFor(mapping: unknown, fresh = true): Promise<OrganizationCustomField[] | undefined> {
    const parsed = MappingSchema.safeParse(mapping);
    if (!parsed.success || !parsed.data.fields.some((r) => 'customField' in r)) return [];
    return organizationFields(targetFields(parsed.data.target).customFieldEntity, fresh).catch(() => undefined);
  }

  function checkKey(key: VersionedKey, document: unknown): void {
    const target = (document as { target?: unknown } | null)?.target;
    if (key !== 'targets' && target !== undefined && target !== key) {
      throw new AppError('invalid', `This mapping is for ${String(target)}, not ${key}`, { fields: [{ path: 'target', message: `must be ${key}` }] });
    }
  }

  /** Every reason `document` cannot be the next version of `key` (none: it can). */
  async function problemsOf(key: VersionedKey, document: unknown): Promise<{ document?: Record<string, unknown>; problems: ValidationProblem[] }> {
    if (key === 'targets') {
      const parsed = TargetSettingsSchema.safeParse(document);
      if (parsed.success) return { document: parsed.data, problems: [] };
      return {
        problems: parsed.error.issues.map((i) => ({ row: i.path.join('.') || '(document)', list: 'document', index: -1, zohoField: '', message: i.message })),
      };
    }
    checkKey(key, document);
    const { mapping, problems } = await validateMapping(document, { customFields: await fieldsFor(document) }, onSample);
    if (mapping && !problems.length) problems.push(...(await realDataProblems(mapping)));
    return { document: mapping, problems };
  }

  /** The kinds of document (order, quote) that become `target` under the target settings in force. */
  async function kindsFor(target: Mapping['target']): Promise<Array<'order' | 'quote'>> {
    if (target === 'contact') return [];
    const settings = TargetSettingsSchema.parse((await store.active('targets')).document);
    const product = target.startsWith('books.') ? 'books' : 'inventory';
    return (['order', 'quote'] as const).filter((kind) => targetOf(product, kind, settings) === target);
  }

  /**
   * The mapping tried on the most recent real orders (customers, for `contact`) it would map: the
   * first one it fails on is named with every problem of its rows. The sample alone says nothing
   * of a row that only fires on real data (a long note, a third line).
   */
  async function realDataProblems(mapping: Mapping): Promise<ValidationProblem[]> {
    const on = (what: string, problems: ValidationProblem[]) => problems.map((p) => ({ ...p, message: `${p.message}, on ${what}` }));
    const fromStopped = (err: unknown, what: string): ValidationProblem[] => {
      if (!(err instanceof AppError) || err.code !== 'mapping_stopped') throw err;
      const field = (err.fields?.[0] ?? {}) as { path?: string; row?: string; zohoField?: string; line?: number };
      const row = field.row ?? field.path ?? '(mapping)';
      const [, list, index] = /^(fields|lineFields)\[(\d+)\]$/.exec(row) ?? [];
      const message = err.message.slice(err.message.indexOf(': ') + 2);
      return on(what, [
        {
          row,
          list: (list as 'fields' | 'lineFields') ?? 'document',
          index: index ? Number(index) : -1,
          zohoField: field.zohoField ?? '',
          message,
          ...(field.line ? { line: field.line } : {}),
        },
      ]);
    };
    if (mapping.target === 'contact') {
      const customers = await db.Customer.findAll({ order: [['createdAt', 'DESC']], limit: SAVE_CHECK_RECENT });
      for (const row of customers) {
        const what = `customer ${row.name} (one of the ${customers.length} most recent)`;
        try {
          const { problems } = await evaluator.applyContactMapping(mapping, row.payload);
          if (problems.length) return on(what, problems);
        } catch (err) {
          return fromStopped(err, what);
        }
      }
      return [];
    }
    const kinds = await kindsFor(mapping.target);
    if (!kinds.length) return [];
    // A cancelled order is never mapped again: it cannot hold a save back.
    const orders = await db.Order.findAll({
      where: { kind: kinds, stage: { [Op.ne]: 'cancelled' } },
      order: [['createdAt', 'DESC']],
      limit: SAVE_CHECK_RECENT,
    });
    for (const row of orders) {
      const what = `${row.kind} ${row.number} (one of the ${orders.length} most recent)`;
      try {
        const { problems } = await evaluator.applyMapping(mapping, orderForMapping(row), { number: row.number });
        if (problems.length) return on(what, problems);
      } catch (err) {
        return fromStopped(err, what);
      }
    }
    return [];
  }

  async function mustFind(key: VersionedKey, version: number): Promise<MappingVersion> {
    const found = await store.version(key, version);
    if (!found) throw new AppError('not_found', `${key} has no version ${version}`);
    return found;
  }

  async function previewMapping(mapping: Mapping, opts: { orderId?: string; customerId?: string }): Promise<Omit<MappingPreview, 'target'>> {
    let result: MappingResult;
    let source: MappingPreview['source'] = { kind: 'sample' };
    if (isDocumentTarget(mapping.target) && opts.orderId) {
      const row = await db.Order.findByPk(opts.orderId);
      if (!row) throw new AppError('not_found', `No order ${opts.orderId}`);
      result = await evaluator.applyMapping(mapping, orderForMapping(row), { number: row.number });
      source = { kind: 'order', id: row.id, number: row.number };
    } else if (!isDocumentTarget(mapping.target) && opts.customerId) {
      const row = await db.Customer.findByPk(opts.customerId);
      if (!row) throw new AppError('not_found', `No customer ${opts.customerId}`);
      result = await evaluator.applyContactMapping(mapping, row.payload);
      source = { kind: 'customer', id: row.id, name: row.name };
    } else {
      const validation = await validateMapping(mapping, { customFields: await fieldsFor(mapping, false) }, onSample);
      return { source, payload: validation.sample?.payload ?? null, problems: validation.problems };
    }
    const { problems } = await validateMapping(mapping, { customFields: await fieldsFor(mapping, false) }, async () => result);
    return { source, payload: result.payload, problems };
  }

  return {
    /** The active version of every target and of the target settings. */
    async active(): Promise<MappingVersion[]> {
      return Promise.all(VERSIONED_KEYS.map((k) => store.active(k)));
    },

    versions: (key: VersionedKey) => store.versions(key),
    version: mustFind,

    /** What the console offers: each target's Zoho fields and the organization's custom fields. */
    async fields(): Promise<Record<string, TargetCatalogue>> {
      const out: Record<string, TargetCatalogue> = {};
      for (const key of VERSIONED_KEYS) {
        if (key === 'targets') continue;
        const catalogue = targetFields(key);
        try {
          out[key] = { ...catalogue, customFields: await organizationFields(catalogue.customFieldEntity) };
        } catch (err) {
          out[key] = { ...catalogue, customFields: null, customFieldsError: `Zoho did not list the custom fields: ${(err as Error).message}` };
        }
      }
      return out;
    },

    /** A new active version; refused (400, every bad row named) without touching the active one. */
    async save(key: VersionedKey, document: unknown, actor: Actor): Promise<MappingVersion> {
      const checked = await problemsOf(key, document).catch(async (err: unknown) => {
        if (err instanceof AppError) await audit.record(actor, 'mapping.refused', key, { problems: [err.message] });
        throw err;
      });
      if (checked.problems.length || !checked.document) {
        await audit.record(actor, 'mapping.refused', key, { problems: checked.problems.slice(0, 20).map((p) => `${p.row} ${p.zohoField}: ${p.message}`) });
        throw refused(`The ${key} mapping was not saved`, checked.problems);
      }
      const saved = await store.append(key, checked.document, { id: actor.id, email: actor.email });
      await audit.record(actor, 'mapping.save', key, { version: saved.version });
      return saved;
    },

    /** The earlier version comes back as a new version (history stays append-only and says what was restored). */
    async rollback(key: VersionedKey, version: number, actor: Actor): Promise<MappingVersion> {
      const earlier = await mustFind(key, version);
      const active = await store.active(key);
      if (earlier.version === active.version) throw new AppError('conflict', `Version ${version} of ${key} is already the active one`);
      // Checked again: Zoho's custom fields may have changed since that version was saved.
      const checked = await problemsOf(key, earlier.document);
      if (checked.problems.length || !checked.document) throw refused(`Version ${version} of ${key} cannot be restored`, checked.problems);
      const saved = await store.append(key, checked.document, { id: actor.id, email: actor.email }, earlier.version);
      await audit.record(actor, 'mapping.rollback', key, { restored: earlier.version, version: saved.version, replaced: active.version });
      return saved;
    },

    async diff(key: VersionedKey, from: number, to: number): Promise<MappingDiff & { from: number; to: number }> {
      const [a, b] = await Promise.all([mustFind(key, from), mustFind(key, to)]);
      return { from, to, ...diffMappings(a.document, b.document) };
    },

    /**
     * The exact payload `mapping` makes for a real order (customer, for `contact`) or the sample, and
     * its problems. Counted against `userId`'s previews a minute; a mapping the sandbox had to stop is
     * refused (400, `mapping_stopped`, naming the row).
     */
    async preview(key: VersionedKey, body: { mapping?: unknown; orderId?: string; customerId?: string }, userId?: string): Promise<MappingPreview> {
      if (userId !== undefined) previewRate.take(userId);
      if (key === 'targets') throw new AppError('invalid', 'The target settings have no payload to preview');
      const document = body.mapping ?? (await store.active(key)).document;
      checkKey(key, document);
      const parsed = MappingSchema.safeParse(document);
      if (!parsed.success) {
        const { problems } = await validateMapping(document);
        return { target: key, source: { kind: 'sample' }, payload: null, problems };
      }
      return { target: key, ...(await previewMapping(parsed.data, body)) };
    },
  };
}

export type MappingService = ReturnType<typeof createMappingService>;
