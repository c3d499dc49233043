/**
 * A ZohoClient that follows the connection in force. Before each call it asks the store for the
 * current settings' key (one small query) and rebuilds the real client when the key moved, so an
 * admin's change in the console reaches the hub and every worker without a restart. The rate
 * limiter is shared by every client it builds: the budget is the process's, whoever holds it.
 */
import type { ZohoSettings } from '../../config';
import type { ZohoClient } from '../../zoho/connector';
import type { Effective } from './connection-store';

export interface ConnectionSource {
  currentKey(): Promise<string>;
  effective(): Promise<Effective>;
}

export interface FollowingZohoClient extends ZohoClient {
  /** The client for the settings in force now (rebuilt if they changed). */
  current(): Promise<ZohoClient>;
}

type AnyFn = (...args: unknown[]) => unknown;

export function createFollowingZohoClient(source: ConnectionSource, build: (settings: ZohoSettings) => ZohoClient, initial: ZohoSettings): FollowingZohoClient {
  let held = { key: 'environment', client: build(initial) };
  let switching: Promise<ZohoClient> | undefined;

  async function current(): Promise<ZohoClient> {
    if (switching) return switching;
    const key = await source.currentKey();
    if (key === held.key) return held.client;
    switching = source
      .effective()
      .then((eff) => {
        held = { key: eff.key, client: build(eff.settings) };
        return held.client;
      })
      .finally(() => {
        switching = undefined;
      });
    return switching;
  }

  // The same shape as a real client, each function forwarding to the current one.
  const template = held.client as unknown as Record<string, unknown>;
  const following: Record<string, unknown> = { current };
  for (const [name, value] of Object.entries(template)) {
    if (typeof value === 'function') {
      following[name] = async (...args: unknown[]) => ((await current()) as unknown as Record<string, AnyFn>)[name]!(...args);
    } else if (value && typeof value === 'object') {
      const resource: Record<string, unknown> = {};
      for (const [method, fn] of Object.entries(value as Record<string, unknown>)) {
        if (typeof fn !== 'function') continue;
        const call = async (...args: unknown[]) => ((await current()) as unknown as Record<string, Record<string, AnyFn>>)[name]![method]!(...args);
        resource[method] =
          fn.constructor.name === 'AsyncGeneratorFunction'
            ? async function* (...args: unknown[]) {
                yield* (await call(...args)) as AsyncGenerator<unknown>;
              }
            : call;
      }
      following[name] = resource;
    }
  }
  // Plain values (product, organization) are those of the client last used.
  for (const name of ['product', 'organizationId'] as const) {
    Object.defineProperty(following, name, { get: () => held.client[name], enumerable: true });
  }
  return following as unknown as FollowingZohoClient;
}
