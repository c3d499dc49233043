/**
 * Simulated devices replaying their outboxes against a hub over HTTP, as the rep's app does when
 * it gets signal back: POST each queued order; a 2xx takes it out of the outbox, a 5xx, a 429 or
 * a dead connection leaves it there for the next try, any other 4xx is an error (the app would
 * show it to the rep). Some orders are sent again after they were accepted (an answer the device
 * never heard, a second tab). Used by the fault drills and the reconnect-storm benchmark.
 */
import { CSRF_HEADER, CSRF_VALUE, SESSION_COOKIE } from '../../hub/auth';
import type { OrderInput } from '../../domain';

export interface DeviceSpec {
  /** The session token of the device's rep (the app's cookie). */
  session: string;
  outbox: OrderInput[];
  /** Ids of orders the device sends a second time once accepted. */
  replayTwice?: ReadonlySet<string>;
}

export interface ReplayOptions {
  baseUrl: string;
  /** Pause before trying an order again after a failure. */
  retryDelayMs?: number;
  /** Stop retrying at this time (ms since the epoch); what is left counts as not delivered. */
  deadline: number;
  /** Pause between two orders of one outbox (a slow mobile link), so a drill's fault lands mid-replay. */
  paceMs?: number;
  /** Give up on one request after this long (a hung hub counts as a failure, then a retry). */
  requestTimeoutMs?: number;
}

export interface ReplayStats {
  /** Orders the hub confirmed (first answer 2xx), out of `queued`. */
  accepted: number;
  queued: number;
  /** Second sends of accepted orders, and how many of those the hub answered 201 (a second store). */
  replays: number;
  replaysCreated: number;
  /** ms from sending to the 2xx, one per accepted order's successful POST (first sends). */
  latenciesMs: number[];
  /** Failures that the device retried: 5xx, 429, connection errors, timeouts. */
  transient: Record<string, number>;
  /** Answers the device could not retry (4xx other than 429), with the hub's message. */
  errors: Array<{ orderId: string; status: number; message: string }>;
  /** Orders still in an outbox when the deadline passed. */
  undelivered: string[];
  /** The first message of each transient answer (why a device kept retrying). */
  transientMessages: Record<string, string>;
}

export function emptyStats(): ReplayStats {
  return { accepted: 0, queued: 0, replays: 0, replaysCreated: 0, latenciesMs: [], transient: {}, errors: [], undelivered: [], transientMessages: {} };
}

type Answer = { status: number; message: string } | { failure: string };

async function postOrder(o: ReplayOptions, session: string, order: OrderInput): Promise<Answer> {
  try {
    const res = await fetch(new URL('/api/orders', o.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE, cookie: `${SESSION_COOKIE}=${session}` },
      body: JSON.stringify(order),
      signal: AbortSignal.timeout(o.requestTimeoutMs ?? 30_000),
    });
    const text = await res.text();
    let message = text.slice(0, 200);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, message };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { failure: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name) };
  }
}

const retryable = (status: number) => status >= 500 || status === 429;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One device: send every queued order until the hub has it (or the deadline), in outbox order. */
export async function replayOutbox(device: DeviceSpec, o: ReplayOptions, stats: ReplayStats = emptyStats()): Promise<ReplayStats> {
  stats.queued += device.outbox.length;
  const outbox = [...device.outbox];
  while (outbox.length > 0) {
    if (Date.now() > o.deadline) {
      stats.undelivered.push(...outbox.map((x) => x.id));
      break;
    }
    const order = outbox[0]!;
    const started = performance.now();
    const answer = await postOrder(o, device.session, order);
    if ('failure' in answer || retryable(answer.status)) {
      const key = 'failure' in answer ? answer.failure : `HTTP ${answer.status}`;
      if (!('failure' in answer)) stats.transientMessages[key] ??= answer.message;
      stats.transient[key] = (stats.transient[key] ?? 0) + 1;
      await sleep(o.retryDelayMs ?? 200);
      continue;
    }
    outbox.shift();
    if (o.paceMs) await sleep(o.paceMs);
    if (answer.status >= 400) {
      stats.errors.push({ orderId: order.id, status: answer.status, message: answer.message });
      continue;
    }
    stats.accepted++;
    stats.latenciesMs.push(performance.now() - started);
    if (device.replayTwice?.has(order.id)) {
      // The same order again, as after an answer lost on the way back; the hub must not store it twice.
      for (;;) {
        const again = await postOrder(o, device.session, order);
        if (!('failure' in again) && !retryable(again.status)) {
          stats.replays++;
          if (again.status === 201) stats.replaysCreated++;
          if (again.status >= 400) stats.errors.push({ orderId: order.id, status: again.status, message: `replay: ${again.message}` });
          break;
        }
        if (Date.now() > o.deadline) break;
        await sleep(o.retryDelayMs ?? 200);
      }
    }
  }
  return stats;
}

/** Every device at once (a reconnect storm); one set of figures for all. */
export async function replayAll(devices: DeviceSpec[], o: ReplayOptions): Promise<ReplayStats> {
  const stats = emptyStats();
  await Promise.all(devices.map((d) => replayOutbox(d, o, stats)));
  return stats;
}

/** The p-th percentile (0..100) of a list of numbers; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
