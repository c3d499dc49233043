import crypto from 'node:crypto';
import { Router } from 'express';
import * as z from 'zod';
import type { AuditPage } from '../../domain';
import { actorOf, allow, type Auth } from '../auth';
import { fromZodError } from '../../server/errors';

const IdParam = z.object({ id: z.uuid('must be a UUID') });
const AuditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** The id of the last entry of the previous page. */
    before: z.coerce.number().int().positive().optional(),
    /** An action or its prefix, e.g. `user.` or `zoho.connection.save`. */
    action: z.string().trim().min(1).max(80).optional(),
    /** The actor's email. */
    actor: z.string().trim().min(1).max(254).optional(),
  })
  .strict();

/** Admins only: users and the audit log. */
export function usersRouter(auth: Auth): Router {
  const router = Router();
  const admin = allow(auth.audit, 'admin');
  router.get('/users', admin, async (_req, res) => {
    res.json({ users: await auth.users.list() });
  });
  // An invitation: without a password the hub makes one, answered this once (only its hash is kept).
  router.post('/users', admin, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const oneTimePassword = body.password === undefined ? crypto.randomBytes(12).toString('base64url') : undefined;
    const user = await auth.users.create(oneTimePassword ? { ...body, password: oneTimePassword } : body, actorOf(req));
    res.status(201).json({ user, ...(oneTimePassword ? { oneTimePassword } : {}) });
  });
  router.patch('/users/:id', admin, async (req, res) => {
    const params = IdParam.safeParse(req.params);
    if (!params.success) throw fromZodError(params.error, 'user id');
    res.json({ user: await auth.users.update(params.data.id, req.body, actorOf(req)) });
  });
  router.get('/audit', admin, async (req, res) => {
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) throw fromZodError(query.error, 'audit query');
    const { limit, ...filter } = query.data;
    const entries = await auth.audit.recent(limit, filter);
    const page: AuditPage = { entries, nextBefore: entries.length === limit ? entries[entries.length - 1]!.id : null };
    res.json(page);
  });
  return router;
}
