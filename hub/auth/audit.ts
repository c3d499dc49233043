/** The audit log: who did what, when, from where. Admin actions and refused attempts land here. */
import { col, fn, Op, where as sqlWhere, type WhereOptions } from 'sequelize';
import type { Actor, AuditEntry } from '../../domain';

export type { Actor };
import type { Database } from '../../server/db/connect';

export function createAuditLog(db: Database, now: () => Date) {
  return {
    async record(actor: Actor, action: string, target?: string, detail?: Record<string, unknown>): Promise<void> {
      await db.Audit.create({
        actorId: actor.id,
        // Cut to the columns' sizes: an email may be 254 characters, a target column holds 200.
        actorEmail: actor.email?.slice(0, 254) ?? null,
        action,
        target: target?.slice(0, 200) ?? null,
        detail: detail ?? null,
        address: actor.address?.slice(0, 64) ?? null,
        at: now(),
      });
    },

    /** Newest first; `before` (an entry id) pages back; `action` matches a prefix (`zoho.` finds every Zoho change). */
    async recent(limit = 100, filter: { before?: number; action?: string; actor?: string } = {}): Promise<AuditEntry[]> {
      const where: WhereOptions = {
        ...(filter.before ? { id: { [Op.lt]: filter.before } } : {}),
        // A literal prefix: LIKE would read `%` and `_` in it as wildcards (and SQLite's LIKE ignores case).
        ...(filter.action ? { [Op.and]: [sqlWhere(fn('substr', col('action'), 1, [...filter.action].length), filter.action)] } : {}),
        ...(filter.actor ? { actorEmail: filter.actor.toLowerCase() } : {}),
      };
      const rows = await db.Audit.findAll({ where, order: [['id', 'DESC']], limit });
      return rows.map((r) => ({
        id: r.id!,
        at: new Date(r.at ?? 0).toISOString(),
        actorEmail: r.actorEmail,
        action: r.action,
        target: r.target,
        detail: r.detail,
        address: r.address,
      }));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
