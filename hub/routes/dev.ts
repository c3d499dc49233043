import { Router } from 'express';
import type { OrderInput } from '../../domain';

export type SampleOrderSource = () => Promise<OrderInput>;

/** Demo helpers, mounted only when the hub talks to the Zoho sandbox. */
export function devRouter(sampleOrder: SampleOrderSource): Router {
  const router = Router();
  router.get('/sample-order', async (_req, res) => {
    res.json(await sampleOrder());
  });
  return router;
}
