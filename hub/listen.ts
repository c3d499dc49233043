/**
 * Where the hub takes connections: HOST (loopback by default, because `npm start` creates demo
 * accounts whose passwords are published) and PORT. Containers set HOST=0.0.0.0 explicitly.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Config } from '../config';

/**
 * Connections the kernel holds while the hub accepts them (capped by net.core.somaxconn). Node's
 * default of 511 is too few for a morning storm: a thousand devices connect in the same moment,
 * and the SYNs past the backlog are dropped and retried after 1 s, then 3 s — the tail of the
 * acceptance latency in bench/reconnect-storm.ts.
 */
export const LISTEN_BACKLOG = 4096;

export function listenOn(app: Express, { host, port }: Pick<Config, 'host' | 'port'>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, LISTEN_BACKLOG, () => resolve(server));
    server.once('error', reject);
  });
}
