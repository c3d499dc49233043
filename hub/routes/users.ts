import { Router } from 'express';
import * as z from 'zod';
import { actorOf, allow, type Auth } from '../auth';
import { fromZodError } from '../errors';

const IdParam = z.object({ id: z.uuid('must be a UUID') });

/** Admins only: users and the audit log. */
export function usersRouter(auth: Auth): Router {
  const router = Router();
  const admin = allow(auth.audit, 'admin');
  router.get('/users', admin, async (_req, res) => {
    res.json({ users: await auth.users.list() });
  });
  router.post('/users', admin, async (req, res) => {
    res.status(201).json({ user: await auth.users.create(req.body, actorOf(req)) });
  });
  router.patch('/users/:id', admin, async (req, res) => {
    const params = IdParam.safeParse(req.params);
    if (!params.success) throw fromZodError(params.error, 'user id');
    res.json({ user: await auth.users.update(params.data.id, req.body, actorOf(req)) });
  });
  router.get('/audit', admin, async (_req, res) => {
    res.json({ entries: await auth.audit.recent() });
  });
  return router;
}
