import { Router } from 'express';
import type { OrderInput } from '../../domain';
import { allow, type Auth } from '../auth';

export type SampleOrderSource = () => Promise<OrderInput>;

/** Demo helpers, mounted only when the hub talks to the Zoho sandbox. */
export function devRouter(sampleOrder: SampleOrderSource, auth: Auth): Router {
  const router = Router();
  router.get('/sample-order', allow(auth.audit, 'rep', 'admin'), async (_req, res) => {
    res.json(await sampleOrder());
  });
  return router;
}
