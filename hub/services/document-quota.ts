/**
 * A per-user bound on new documents (orders, quotes and customers made on devices): each one costs
 * several of the organization's daily Zoho calls, so a rep's runaway device or a stolen session
 * must not be able to spend them all. Counted from the stored rows (every hub replica agrees, and a
 * replay of a stored document is answered before this is asked); past the bound, a `rate_limited`
 * error says when the oldest counted document leaves the rolling hour (the device keeps it queued).
 */
import { col, fn, Op } from 'sequelize';
import type { PublicUser } from '../../domain';
import type { Database } from '../../server/db/connect';
import { AppError } from '../../server/errors';

const HOUR_MS = 60 * 60 * 1000;

export interface DocumentQuota {
  /** Throws `rate_limited` (with retryAfterSeconds) when `user` has stored `perHour` new documents in the last hour. */
  assertMayStore(user: PublicUser): Promise<void>;
  /** How many more documents each of these users may store now (two grouped counts for a whole batch of orders). */
  room(userIds: string[]): Promise<Map<string, number>>;
}

export function createDocumentQuota({ db, perHour, now = () => new Date() }: { db: Database; perHour: number; now?: () => Date }): DocumentQuota {
  return {
    async room(userIds) {
      const ids = [...new Set(userIds)];
      const room = new Map(ids.map((id) => [id, perHour]));
      if (ids.length === 0) return room;
      const where = { repId: ids, createdAt: { [Op.gt]: new Date(now().getTime() - HOUR_MS) } };
      const counted = (await Promise.all([
        db.Order.findAll({ where, attributes: ['repId', [fn('COUNT', col('id')), 'n']], group: ['repId'], raw: true }),
        db.Customer.findAll({ where, attributes: ['repId', [fn('COUNT', col('id')), 'n']], group: ['repId'], raw: true }),
      ])) as unknown as Array<Array<{ repId: string; n: number | string }>>;
      for (const row of counted.flat()) room.set(row.repId, (room.get(row.repId) ?? perHour) - Number(row.n));
      return room;
    },

    async assertMayStore(user) {
      const at = now();
      const where = { repId: user.id, createdAt: { [Op.gt]: new Date(at.getTime() - HOUR_MS) } };
      const [orders, customers] = await Promise.all([db.Order.count({ where }), db.Customer.count({ where })]);
      const stored = orders + customers;
      if (stored < perHour) return;
      // Room comes back when enough of the oldest leave the window: the (stored - perHour + 1)th oldest.
      const k = stored - perHour + 1;
      const query = { where, attributes: ['createdAt'], order: [['createdAt', 'ASC']] as [string, string][], limit: k };
      const rows = [...(await db.Order.findAll(query)), ...(await db.Customer.findAll(query))];
      const times = rows.map((r) => new Date(r.createdAt!).getTime()).sort((a, b) => a - b);
      const frees = (times[k - 1] ?? at.getTime()) + HOUR_MS;
      const retryAfterSeconds = Math.max(1, Math.ceil((frees - at.getTime()) / 1000));
      throw new AppError(
        'rate_limited',
        `Too many new documents: at most ${perHour} an hour per user. The rest stay on the device and are sent in about ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        { code: 'document_rate_limited', retryAfterSeconds },
      );
    },
  };
}
