/**
 * Customers created on devices: POST /api/customers (idempotent on the device's UUID), GET one,
 * POST /:id/retry after support fixed why it waits.
 */
import { Router } from 'express';
import * as z from 'zod';
import { actorOf, allow, userOf, type Auth } from '../auth';
import type { CustomerService } from '../services/customers';
import { fromZodError } from '../../server/errors';

const IdParam = z.object({ id: z.uuid('must be a UUID') });

function customerId(params: unknown): string {
  const parsed = IdParam.safeParse(params);
  if (!parsed.success) throw fromZodError(parsed.error, 'customer id');
  return parsed.data.id;
}

export function customersRouter(customers: CustomerService, auth: Auth): Router {
  const router = Router();
  const takers = allow(auth.audit, 'rep', 'admin');
  const anyone = allow(auth.audit, 'rep', 'support', 'admin');
  const staff = allow(auth.audit, 'support', 'admin');

  router.post('/', takers, async (req, res) => {
    const { created, customer } = await customers.accept(req.body, userOf(req));
    res.status(created ? 201 : 200).json({ customer });
  });

  // Staff: ?stage=needs_attention lists the customers waiting for a fix (the console).
  router.get('/', staff, async (req, res) => {
    res.json({ customers: await customers.list(req.query) });
  });

  router.get('/:id', anyone, async (req, res) => {
    res.json({ customer: await customers.get(customerId(req.params), userOf(req)) });
  });

  router.post('/:id/retry', staff, async (req, res) => {
    const id = customerId(req.params);
    const customer = await customers.retry(id, userOf(req));
    await auth.audit.record(actorOf(req), 'customer.retry', id);
    res.status(202).json({ customer });
  });

  return router;
}
