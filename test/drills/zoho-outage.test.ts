/**
 * Drill: Zoho is down for ten minutes (every call, token requests included, fails with HTTP 500
 * code 1000 or a reset connection), then comes back. The ten minutes pass on the sandbox's clock,
 * moved forward by the test. Orders wait in a visible stage — not needs_attention: an outage is
 * transient — and all land exactly once when Zoho is back.
 */
import { SANDBOX_DEMO } from '../../config';
import { documentNumber } from '../../domain';
import { eventually } from '../support/temporal';
import { expectExactlyOnce, untilAllInZoho, useDrillStack } from './helpers';

jest.setTimeout(120_000);

const TEN_MINUTES = 10 * 60_000;
const drillStack = useDrillStack({ dialect: 'sqlite', product: 'inventory' });

it('answers like a Zoho outage while it lasts, and ends on its own clock', async () => {
  const stack = drillStack();
  stack.sandbox.outage.start({ durationMs: 60_000, mode: '5xx' });
  const res = await fetch(`${stack.sandboxUrl}/inventory/v1/items?organization_id=${SANDBOX_DEMO.organizationId}`);
  expect(res.status).toBe(500);
  expect(await res.json()).toEqual({ code: 1000, message: 'Internal Error' });
  stack.sandbox.clock.advance(60_000);
  expect(stack.sandbox.outage.active).toBe(false);
  const after = await fetch(`${stack.sandboxUrl}/inventory/v1/items?organization_id=${SANDBOX_DEMO.organizationId}`);
  expect(after.status).toBe(401); // Zoho answers again (and wants a token)
});

it('keeps orders waiting through ten minutes of outage, then lands each exactly once', async () => {
  const stack = drillStack();
  // Down before the worker has ever talked to Zoho: no access token cached either.
  stack.sandbox.outage.start({ durationMs: TEN_MINUTES, mode: 'mixed' });
  const inputs = Array.from({ length: 4 }, () => stack.order());
  const ids = inputs.map((i) => i.id);
  for (const input of inputs) await stack.rep.post('/api/orders').send(input).expect(201);

  // Several attempts fail against the outage...
  await eventually(async () => (stack.sandbox.outage.describe().served.errors5xx + stack.sandbox.outage.describe().served.resets >= 8 ? true : undefined), {
    what: 'the workers to run into the outage several times',
    timeoutMs: 45_000,
  });
  // ...and meanwhile every order waits where support sees it, nothing half-created.
  const waiting = await stack.db.Order.findAll({ where: { id: ids } });
  for (const row of waiting) {
    expect(row.stage).toBe('customer_ready');
    expect(row.attentionReason).toBeNull();
    expect(row.zohoId).toBeNull();
  }
  for (const id of ids) expect(stack.documentsNumbered(documentNumber('order', id))).toHaveLength(0);
  // The order's page says why it waits: the step being retried, with Zoho's failure.
  const retrying = await eventually(
    async () => {
      const { body } = await stack.rep.get(`/api/orders/${ids[0]}`).expect(200);
      const steps = (body.order.pending ?? []) as Array<{ step: string; attempt: number; lastFailure: string | null }>;
      return steps.find((p) => p.attempt > 1 && p.lastFailure);
    },
    { what: 'the order page to show the retried step', timeoutMs: 30_000 },
  );
  expect(retrying.step).toBe('createInZoho');
  const served = stack.sandbox.outage.describe().served;
  expect(served.errors5xx).toBeGreaterThan(0);
  expect(served.resets).toBeGreaterThan(0);

  // Ten minutes later, Zoho is back.
  stack.sandbox.clock.advance(TEN_MINUTES);
  expect(stack.sandbox.outage.active).toBe(false);

  await untilAllInZoho(stack, ids, 60_000);
  await expectExactlyOnce(stack, ids);
  for (const id of ids) {
    const done = await stack.untilStage(id, 'done', 60_000);
    expect(done.timeline.some((e: { stage: string }) => e.stage === 'needs_attention')).toBe(false);
    const number = documentNumber('order', id);
    await stack.mail.waitFor((m) => m.subject.includes(number));
    expect(stack.mailsFor(number)).toHaveLength(1);
  }
});
