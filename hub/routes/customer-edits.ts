/**
 * A rep's phone or email edits of Zoho customers: POST /api/customer-edits (idempotent on the
 * device's UUID; 201 new, 200 replay), GET /api/customer-edits/:id (pending, applied, conflict, failed).
 */
import { Router } from 'express';
import * as z from 'zod';
import { allow, userOf, type Auth } from '../auth';
import type { CustomerEditService } from '../services/customer-edits';
import { fromZodError } from '../../server/errors';

const IdParam = z.object({ id: z.uuid('must be a UUID') });

export function customerEditsRouter(edits: CustomerEditService, auth: Auth): Router {
  const router = Router();
  const takers = allow(auth.audit, 'rep', 'admin');
  const anyone = allow(auth.audit, 'rep', 'support', 'admin');

  router.post('/', takers, async (req, res) => {
    const { created, edit } = await edits.accept(req.body, userOf(req));
    res.status(created ? 201 : 200).json({ edit });
  });

  router.get('/:id', anyone, async (req, res) => {
    const parsed = IdParam.safeParse(req.params);
    if (!parsed.success) throw fromZodError(parsed.error, 'customer edit id');
    res.json({ edit: await edits.get(parsed.data.id, userOf(req)) });
  });

  return router;
}
