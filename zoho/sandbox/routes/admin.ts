/** `/__sandbox/*`: test and demo controls. Not part of Zoho. */
import express, { Router } from 'express';
import type { SandboxContext } from '../context';
import type { FaultSettings } from '../faults';
import type { LimitSettings } from '../limits';
import type { OutageSettings } from '../outage';
import type { SandboxReadings } from '../store';
import { publicContact } from '../store';

export function adminRouter(ctx: SandboxContext, actions: { reset(): void; state(): unknown }): Router {
  const r = Router();
  r.use(express.json());

  r.get('/state', (_req, res) => {
    res.json(actions.state());
  });

  r.post('/reset', (_req, res) => {
    actions.reset();
    res.json({ ok: true });
  });

  r.get('/faults', (_req, res) => {
    res.json({ faults: ctx.faults.get(), fired: ctx.faults.fired });
  });
  r.post('/faults', (req, res) => {
    try {
      res.json({ faults: ctx.faults.set((req.body ?? {}) as FaultSettings) });
    } catch (err) {
      res.status(400).json({ error: (err as Error).message });
    }
  });
  r.delete('/faults', (_req, res) => {
    ctx.faults.clear();
    res.json({ faults: ctx.faults.get() });
  });

  // Which reading of Zoho's unclear behaviours the sandbox answers with (store.ts SandboxReadings).
  r.post('/readings', (req, res) => {
    const next = { ...ctx.store.readings, ...((req.body ?? {}) as Partial<SandboxReadings>) };
    const known =
      ['inclusive', 'exclusive'].includes(next.modifiedSince) &&
      ['honour', 'ignore'].includes(next.contactsModifiedSince) &&
      ['honour', 'ignore'].includes(next.inventoryLineDiscounts);
    if (!known) {
      res.status(400).json({ error: 'modifiedSince: inclusive | exclusive; contactsModifiedSince, inventoryLineDiscounts: honour | ignore' });
      return;
    }
    ctx.store.readings = next;
    res.json({ readings: next });
  });

  r.post('/limits', (req, res) => {
    ctx.limits.configure((req.body ?? {}) as Partial<LimitSettings>);
    res.json({ limits: ctx.limits.settings });
  });

  // Zoho's daily quota used up for the rest of the (possibly compressed) day.
  r.post('/limits/exhaust-day', (_req, res) => {
    const { resetsAt } = ctx.limits.exhaustDay(ctx.organizationId);
    res.json({ resetsAt: new Date(resetsAt).toISOString() });
  });

  r.get('/outage', (_req, res) => {
    res.json(ctx.outage.describe());
  });
  r.post('/outage', (req, res) => {
    try {
      ctx.outage.start((req.body ?? {}) as OutageSettings);
      res.json(ctx.outage.describe());
    } catch (err) {
      res.status(400).json({ error: (err as Error).message });
    }
  });
  r.delete('/outage', (_req, res) => {
    ctx.outage.end();
    res.json(ctx.outage.describe());
  });

  // Time passes: `{ "advanceMs": 600000 }` ends a ten-minute outage, moves the limit windows on.
  r.post('/clock', (req, res) => {
    try {
      const now = ctx.clock.advance(Number((req.body as { advanceMs?: unknown } | undefined)?.advanceMs));
      res.json({ now: new Date(now).toISOString(), skewMs: ctx.clock.skewMs });
    } catch (err) {
      res.status(400).json({ error: (err as Error).message });
    }
  });

  r.post('/mutate', (req, res) => {
    const b = (req.body ?? {}) as { count?: number; add?: number };
    const changed = ctx.store.mutateItems(Math.max(0, Number(b.count ?? 10)), Math.max(0, Number(b.add ?? 0)));
    res.json({ changed: changed.length, item_ids: changed.map((i) => i.item_id) });
  });

  r.post('/tokens/revoke', (_req, res) => {
    res.json({ revoked: ctx.tokens.revokeAll() });
  });

  return r;
}

/** The state a test inspects: documents in full, created contacts, counters. */
export function describeState(ctx: SandboxContext) {
  const data = ctx.store.snapshot();
  const attachments = Object.fromEntries(Object.entries(data.attachments).map(([docId, list]) => [docId, list.map(({ data: _d, ...meta }) => meta)]));
  return {
    organization: data.organization,
    counts: {
      items: data.items.length,
      contacts: data.contacts.length,
      salesorders: data.salesorders.length,
      estimates: data.estimates.length,
    },
    salesorders: data.salesorders,
    estimates: data.estimates,
    createdContacts: ctx.store.createdContacts().map(publicContact),
    attachments,
    stats: ctx.stats,
    faults: { settings: ctx.faults.get(), fired: ctx.faults.fired },
    limits: ctx.limits.describe(ctx.organizationId),
    outage: ctx.outage.describe(),
  };
}
