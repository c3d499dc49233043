import { Router } from 'express';
import * as z from 'zod';
import { actorOf, allow, userOf, type Auth } from '../auth';
import type { OrderService } from '../services/orders';
import { fromZodError } from '../../server/errors';

const IdParam = z.object({ id: z.uuid('must be a UUID') });

function orderId(params: unknown): string {
  const parsed = IdParam.safeParse(params);
  if (!parsed.success) throw fromZodError(parsed.error, 'order id');
  return parsed.data.id;
}

/** Reps take orders and see their own; support and admins see every order and can retry one. */
export function ordersRouter(orders: OrderService, auth: Auth): Router {
  const router = Router();
  const takers = allow(auth.audit, 'rep', 'admin');
  const anyone = allow(auth.audit, 'rep', 'support', 'admin');
  const staff = allow(auth.audit, 'support', 'admin');

  router.post('/', takers, async (req, res) => {
    const { created, order } = await orders.accept(req.body, userOf(req));
    res.status(created ? 201 : 200).json({ order });
  });

  // A change to a sent document (domain/revisions.ts): 202 stored and sent on, 200 a replay, 409 no longer editable.
  router.post('/:id/revisions', takers, async (req, res) => {
    const id = orderId(req.params);
    const { created, order } = await orders.revise(id, req.body, userOf(req));
    if (created) await auth.audit.record(actorOf(req), 'order.revise', id, { revision: order.revision });
    res.status(created ? 202 : 200).json({ order });
  });

  router.get('/', anyone, async (req, res) => {
    // ?q=&stage=&kind=&rep=&customer=&from=&to=&limit=&before= (validated in services/order-search.ts)
    res.json(await orders.list(userOf(req), req.query));
  });

  router.get('/:id', anyone, async (req, res) => {
    res.json({ order: await orders.get(orderId(req.params), userOf(req)) });
  });

  router.post('/:id/retry', staff, async (req, res) => {
    const id = orderId(req.params);
    const order = await orders.retry(id, userOf(req));
    await auth.audit.record(actorOf(req), 'order.retry', id);
    res.status(202).json({ order });
  });

  return router;
}
