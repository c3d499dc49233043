/** What every sandbox route can reach, plus the answer helpers that give Zoho's envelopes. */
import type { Response } from 'express';
import { SandboxError } from './errors';
import type { Faults } from './faults';
import type { Limits } from './limits';
import type { Outage } from './outage';
import type { SandboxClock } from './clock';
import type { SandboxStore } from './store';
import type { TokenRegistry } from './tokens';

export interface Stats {
  apiCalls: number;
  byStatus: Record<string, number>;
  rateLimited: Record<string, number>;
  dropped: number;
  tokenRequests: number;
  tokensIssued: number;
  tokenThrottled: number;
  /** Last requests, newest last: method, path, query (never headers or bodies). */
  recent: Array<{ at: number; method: string; path: string; query: Record<string, unknown>; status: number | 'dropped' }>;
}

export function emptyStats(): Stats {
  return { apiCalls: 0, byStatus: {}, rateLimited: {}, dropped: 0, tokenRequests: 0, tokensIssued: 0, tokenThrottled: 0, recent: [] };
}

export interface SandboxContext {
  store: SandboxStore;
  limits: Limits;
  faults: Faults;
  /** Zoho being down for a while (every call fails). */
  outage: Outage;
  tokens: TokenRegistry;
  stats: Stats;
  now: () => number;
  /** `now` comes from here; tests move it forward. */
  clock: SandboxClock;
  organizationId: string;
}

/** Success: `{code: 0, message, ...entity}`. A create (201) may be the victim of "commit then drop". */
export function reply(res: Response, status: number, body: Record<string, unknown>, message = 'success'): void {
  const drop = res.locals.commitThenDrop as (() => boolean) | undefined;
  if (status === 201 && drop?.()) {
    res.req.socket.destroy();
    return;
  }
  res.status(status).json({ code: 0, message, ...body });
}

export function fail(res: Response, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  res.set(headers).status(status).json({ code, message });
}

export function failWith(res: Response, err: unknown): void {
  if (err instanceof SandboxError) return fail(res, err.status, err.code, err.message);
  throw err;
}
