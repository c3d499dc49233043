/**
 * The `pg` module Sequelize uses, with one change: every client listens for 'error' from birth.
 * Sequelize attaches its own listener only once a connection is set up; a connection dropped in
 * that moment (a failover, `pg_terminate_backend`, a restarted pooler) emitted an 'error' nobody
 * listened to, which crashes the process. Found by test/drills/postgres-drop.test.ts.
 */
import type { EventEmitter } from 'node:events';

type ClientClass = new (config?: unknown) => EventEmitter;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as { Client: ClientClass } & Record<string, unknown>;

class GuardedClient extends pg.Client {
  constructor(config?: unknown) {
    super(config);
    // Mark it as Sequelize does, so the pool's validation throws it away instead of reusing it.
    this.on('error', () => {
      (this as unknown as { _invalid: boolean })._invalid = true;
    });
  }
}

export const guardedPg = { ...pg, Client: GuardedClient };
