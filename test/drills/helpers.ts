/**
 * What every fault drill checks at the end: each accepted order is stored once on the hub and is
 * in Zoho exactly once (one sales order under its number), and nothing was lost on the way.
 */
import { documentNumber } from '../../domain';
import { PdfPrinter } from '../../workflows/pdf';
import { testAuth } from '../support/auth';
import { startStack, type Stack, type StackOptions } from '../support/documents';
import { bundleWorkflows, eventually } from '../support/temporal';
import type { DeviceSpec } from '../support/devices';

/** A stack (workers, sandbox, hub app, database) for the drills of one file; call the result inside tests. */
export function useDrillStack(options: Omit<StackOptions, 'bundle' | 'printer'>): () => Stack {
  let printer: PdfPrinter | undefined;
  let stack: Stack | undefined;
  beforeAll(async () => {
    printer = new PdfPrinter({ maxConcurrent: 2 });
    stack = await startStack({ ...options, bundle: await bundleWorkflows(), printer });
  });
  afterAll(async () => {
    await stack?.close();
    await printer?.close();
  });
  return () => {
    if (!stack) throw new Error('the drill stack is not started (beforeAll failed?)');
    return stack;
  };
}

/** Devices of the stack's rep, each with `perDevice` valid orders queued; every `twiceEvery`-th order is sent twice. */
export async function devicesFor(stack: Stack, count: number, perDevice: number, twiceEvery = 3): Promise<DeviceSpec[]> {
  const auth = testAuth(stack.db);
  const user = await stack.db.User.findByPk(stack.repUser.id);
  if (!user) throw new Error('the rep is not in the database');
  const devices: DeviceSpec[] = [];
  let n = 0;
  for (let d = 0; d < count; d++) {
    const { token } = await auth.sessions.open(user, `drill-device-${d}`);
    const outbox = Array.from({ length: perDevice }, () => stack.order());
    const replayTwice = new Set(outbox.filter(() => ++n % twiceEvery === 0).map((o) => o.id));
    devices.push({ session: token, outbox, replayTwice });
  }
  return devices;
}

/** Every order is in the sandbox under its number and recorded on the hub as in Zoho. */
export async function untilAllInZoho(stack: Stack, ids: string[], timeoutMs = 90_000): Promise<void> {
  await eventually(
    async () => {
      const rows = await stack.db.Order.findAll({ where: { id: ids }, attributes: ['id', 'zohoId'] });
      return rows.length === ids.length && rows.every((r) => r.zohoId) ? true : undefined;
    },
    { what: `all ${ids.length} orders to be in Zoho`, timeoutMs, intervalMs: 500 },
  );
}

/** Exactly once: one hub row and one Zoho sales order per order (none missing, none twice). */
export async function expectExactlyOnce(stack: Stack, ids: string[]): Promise<void> {
  expect(await stack.db.Order.count({ where: { id: ids } })).toBe(ids.length);
  const numbers = new Set(ids.map((id) => documentNumber('order', id)));
  const perNumber = new Map<string, number>();
  for (const so of stack.sandbox.state.snapshot().salesorders) {
    const number = String(so.salesorder_number);
    if (numbers.has(number)) perNumber.set(number, (perNumber.get(number) ?? 0) + 1);
  }
  const missing = [...numbers].filter((n) => !perNumber.has(n));
  const duplicated = [...perNumber].filter(([, c]) => c > 1).map(([n]) => n);
  expect({ missing, duplicated }).toEqual({ missing: [], duplicated: [] });
}
