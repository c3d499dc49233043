import { Router } from 'express';
import { z } from 'zod';
import type { OrderService } from '../services/orders';
import { fromZodError } from '../errors';

const IdParam = z.object({ id: z.uuid('must be a UUID') });

export function ordersRouter(orders: OrderService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const { created, order } = await orders.accept(req.body);
    res.status(created ? 201 : 200).json({ order });
  });

  router.get('/', async (_req, res) => {
    res.json({ orders: await orders.list() });
  });

  router.get('/:id', async (req, res) => {
    const params = IdParam.safeParse(req.params);
    if (!params.success) throw fromZodError(params.error, 'order id');
    res.json({ order: await orders.get(params.data.id) });
  });

  return router;
}
