/** GET /api/policies (anyone signed in: devices need them) and PUT /api/admin/policies (admins). */
import { Router } from 'express';
import { actorOf, allow, type Auth } from '../auth';
import type { OrderPolicyService } from '../services/order-policies';

export function policiesRouter(policies: OrderPolicyService, auth: Auth): Router {
  const router = Router();
  router.get('/policies', allow(auth.audit, 'rep', 'support', 'admin'), async (_req, res) => {
    res.json(await policies.current());
  });
  router.put('/admin/policies', allow(auth.audit, 'admin'), async (req, res) => {
    res.json(await policies.replace(req.body, actorOf(req)));
  });
  return router;
}
