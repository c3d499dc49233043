/**
 * Where the hub takes connections: HOST (loopback by default, because `npm start` creates demo
 * accounts whose passwords are published) and PORT. Containers set HOST=0.0.0.0 explicitly.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Config } from '../config';

export function listenOn(app: Express, { host, port }: Pick<Config, 'host' | 'port'>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
