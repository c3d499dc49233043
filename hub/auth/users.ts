/** Users: create, list, change role, disable. Every admin change is audited. */
import crypto from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import * as z from 'zod';
import { MAX_LENGTH, ROLES, singleLine, type PublicUser } from '../../domain';
import type { Database } from '../../server/db/connect';
import type { UserRow } from '../../server/db/models';
import type { Actor, AuditLog } from './audit';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import type { Sessions } from './sessions';
import { fromZodError, AppError } from '../../server/errors';

export const NewUserSchema = z.object({
  email: z
    .email()
    .max(MAX_LENGTH.email)
    .transform((e) => e.toLowerCase()),
  // One line: a user's name goes into email bodies (the rep's name) and the audit log.
  name: singleLine(MAX_LENGTH.personName).min(1),
  role: z.enum(ROLES),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
});
export type NewUser = z.input<typeof NewUserSchema>;

export const UserChangeSchema = z
  .object({
    name: singleLine(MAX_LENGTH.personName).min(1).optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(200).optional(),
  })
  .strict();

export function publicUser(u: UserRow): PublicUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabled: !!u.disabledAt };
}

export function createUsers(db: Database, sessions: Sessions, audit: AuditLog, now: () => Date) {
  async function create(input: unknown, actor: Actor | null): Promise<PublicUser> {
    const parsed = NewUserSchema.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error, 'user');
    const { email, name, role, password } = parsed.data;
    try {
      const user = await db.User.create({ id: crypto.randomUUID(), email, name, role, passwordHash: await hashPassword(password), disabledAt: null });
      if (actor) await audit.record(actor, 'user.create', email, { role });
      return publicUser(user);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw new AppError('conflict', `A user with the email ${email} exists already`);
      throw err;
    }
  }

  return {
    create,

    async list(): Promise<PublicUser[]> {
      return (await db.User.findAll({ order: [['email', 'ASC']] })).map(publicUser);
    },

    /** Change a user. Disabling, re-enabling, a new role or password ends their sessions at once. */
    async update(id: string, input: unknown, actor: Actor): Promise<PublicUser> {
      const parsed = UserChangeSchema.safeParse(input);
      if (!parsed.success) throw fromZodError(parsed.error, 'user change');
      const user = await db.User.findByPk(id);
      if (!user) throw new AppError('not_found', `No user with id ${id}`);
      const change = parsed.data;
      if (actor.id === id && (change.disabled || (change.role && change.role !== 'admin'))) {
        throw new AppError('invalid', 'You cannot disable yourself or drop your own admin role');
      }
      const before = publicUser(user);
      await user.update({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.disabled !== undefined ? { disabledAt: change.disabled ? now() : null } : {}),
        ...(change.password !== undefined ? { passwordHash: await hashPassword(change.password) } : {}),
      });
      if (change.disabled || change.role !== undefined || change.password !== undefined) await sessions.revokeAllOf(id);
      // An admin who sets a password or re-enables the account also lifts its sign-in lock.
      if (change.password !== undefined || change.disabled === false) await db.SignInBucket.destroy({ where: { key: `account:${user.email}` } });
      const after = publicUser(user);
      await audit.record(actor, change.disabled ? 'user.disable' : 'user.update', user.email, {
        before: { name: before.name, role: before.role, disabled: before.disabled },
        after: { name: after.name, role: after.role, disabled: after.disabled },
        passwordChanged: change.password !== undefined,
      });
      return after;
    },

    /** The embedded demo's users, created once when there are no users at all. */
    async seedDemo(users: NewUser[]): Promise<number> {
      if ((await db.User.count()) > 0) return 0;
      for (const u of users) await create(u, null);
      return users.length;
    },
  };
}

export type Users = ReturnType<typeof createUsers>;

/** The demo accounts shown in the README (sandbox mode only). */
export const DEMO_USERS: NewUser[] = [
  { email: 'rep@satchel.local', name: 'Riley Rep', role: 'rep', password: 'satchel-rep-demo' },
  { email: 'rep2@satchel.local', name: 'Robin Rep', role: 'rep', password: 'satchel-rep-demo' },
  { email: 'support@satchel.local', name: 'Sam Support', role: 'support', password: 'satchel-support-demo' },
  { email: 'admin@satchel.local', name: 'Ada Admin', role: 'admin', password: 'satchel-admin-demo' },
];
