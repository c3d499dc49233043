/**
 * Searching orders (GET /api/orders): validated query parameters, a WHERE clause that means the
 * same on SQLite and PostgreSQL, and keyset pagination on (created_at, id), newest first.
 */
import { col, fn, literal, Op, where, type WhereOptions } from 'sequelize';
import * as z from 'zod';
import { STAGES, type Stage } from '../../domain';
import { fromZodError, AppError } from '../../server/errors';

const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be a date (2026-05-01) or an ISO date-time' });

export const OrderQuerySchema = z
  .object({
    /** Order number, Zoho number or customer name: a case-insensitive substring. */
    q: z.string().trim().min(1).max(100).optional(),
    stage: z.enum(STAGES as [Stage, ...Stage[]]).optional(),
    kind: z.enum(['order', 'quote']).optional(),
    /** The rep (user id) who took the order. */
    rep: z.uuid('must be a user id (UUID)').optional(),
    /** The customer: a Zoho contact id or the UUID of a customer created on a device. */
    customer: z.string().trim().min(1).max(64).optional(),
    /** Created on or after (a date means its start, UTC). */
    from: dateOrTime.optional(),
    /** Created on or before (a date means its end, UTC). */
    to: dateOrTime.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The `nextCursor` of the previous page. */
    before: z.string().max(200).optional(),
  })
  .strict();
export type OrderQuery = z.infer<typeof OrderQuerySchema>;

export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    const createdAt = new Date(String(at));
    // The id goes into a comparison with a UUID column: anything else would be PostgreSQL's error, not ours.
    if (typeof at === 'string' && z.uuid().safeParse(id).success && !Number.isNaN(createdAt.getTime())) return { createdAt, id: id as string };
  } catch {
    // fall through to the 400 below
  }
  throw new AppError('invalid', 'Invalid order search: before: not a cursor this API gave out', {
    fields: [{ path: 'before', message: 'not a cursor this API gave out' }],
  });
}

export function parseOrderQuery(input: unknown): OrderQuery & { cursor?: Cursor } {
  const parsed = OrderQuerySchema.safeParse(input ?? {});
  if (!parsed.success) throw fromZodError(parsed.error, 'order search');
  const query = parsed.data;
  return { ...query, cursor: query.before ? decodeCursor(query.before) : undefined };
}

const DAY_MS = 86_400_000;
const startOf = (v: string) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
/** `to` is inclusive: a plain date runs to its last millisecond. */
const endOf = (v: string) => (v.length === 10 ? new Date(new Date(`${v}T00:00:00Z`).getTime() + DAY_MS - 1) : new Date(v));

export function orderWhere(query: OrderQuery & { cursor?: Cursor }, dialect: 'sqlite' | 'postgres'): WhereOptions {
  const and: WhereOptions[] = [];
  if (query.stage) and.push({ stage: query.stage });
  if (query.kind) and.push({ kind: query.kind });
  if (query.rep) and.push({ repId: query.rep });
  if (query.q) {
    // instr/strpos over lower(): a plain substring test, no LIKE wildcards to escape, the same on both databases.
    const position = dialect === 'sqlite' ? 'instr' : 'strpos';
    const needle = query.q.toLowerCase();
    and.push({
      [Op.or]: ['number', 'zoho_number', 'customer_name'].map((column) => where(fn(position, fn('lower', col(column)), needle), Op.gt, 0)),
    });
  }
  if (query.customer) {
    // A customer made on a device is known by its UUID inside the order as sent.
    const deviceCustomer = dialect === 'sqlite' ? "json_extract(payload, '$.customer.deviceCustomerId')" : "(payload::jsonb #>> '{customer,deviceCustomerId}')";
    and.push({ [Op.or]: [{ zohoContactId: query.customer }, where(literal(deviceCustomer), Op.eq, query.customer)] });
  }
  if (query.from) and.push({ createdAt: { [Op.gte]: startOf(query.from) } });
  if (query.to) and.push({ createdAt: { [Op.lte]: endOf(query.to) } });
  if (query.cursor) {
    const { createdAt, id } = query.cursor;
    and.push({ [Op.or]: [{ createdAt: { [Op.lt]: createdAt } }, { createdAt, id: { [Op.lt]: id } }] });
  }
  return { [Op.and]: and };
}
