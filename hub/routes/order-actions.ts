/** POST /api/orders/:id/cancel (support and admins, or the rep who took the order) and /approve (support and admins). */
import { Router } from 'express';
import * as z from 'zod';
import { actorOf, allow, userOf, type Auth } from '../auth';
import type { OrderActions } from '../services/order-actions';
import { fromZodError } from '../../server/errors';

const Params = z.object({ id: z.uuid('must be a UUID') });
const Body = z.object({ reason: z.string().max(500).optional() }).optional();

export function orderActionsRouter(actions: OrderActions, auth: Auth): Router {
  const router = Router();
  router.post('/:id/cancel', allow(auth.audit, 'rep', 'support', 'admin'), async (req, res) => {
    const params = Params.safeParse(req.params);
    if (!params.success) throw fromZodError(params.error, 'order id');
    const body = Body.safeParse(req.body ?? undefined);
    if (!body.success) throw fromZodError(body.error, 'cancel request');
    const result = await actions.cancel(params.data.id, userOf(req), body.data?.reason);
    await auth.audit.record(actorOf(req), 'order.cancel', params.data.id);
    res.status(202).json({ order: result });
  });
  router.post('/:id/approve', allow(auth.audit, 'support', 'admin'), async (req, res) => {
    const params = Params.safeParse(req.params);
    if (!params.success) throw fromZodError(params.error, 'order id');
    const result = await actions.approve(params.data.id, userOf(req));
    await auth.audit.record(actorOf(req), 'order.approve', params.data.id);
    res.status(202).json({ order: result });
  });
  return router;
}
