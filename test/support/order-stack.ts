/**
 * What a hub route test stands on, per dialect: a migrated database, a connection to the test
 * Temporal, and the order service on a task queue no worker polls (orders are stored, their
 * workflows started, and they wait).
 */
import crypto from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Database } from '../../server/db/connect';
import { createOrderService, type OrderService } from '../../hub/services/orders';
import { openTestDatabase, type Dialect } from './databases';
import { temporalAddress } from './temporal';

export interface OrderStack {
  db: Database;
  orders: OrderService;
  /** Closes the Temporal connection, then closes and destroys the database. */
  close(): Promise<void>;
}

/** `name` starts the task queue's name, to tell the tests apart in the Temporal UI. */
export async function openOrderStack(dialect: Dialect, name: string, options: { documentsPerUserPerHour?: number } = {}): Promise<OrderStack> {
  const { db, cleanup } = await openTestDatabase(dialect);
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: temporalAddress() });
  } catch (err) {
    await cleanup();
    throw err;
  }
  const orders = createOrderService({
    db,
    temporal: new Client({ connection }),
    taskQueue: `${name}-${crypto.randomUUID()}`,
    temporalUiUrl: 'http://localhost:8233',
    namespace: 'default',
    log: () => undefined,
    ...options,
  });
  return {
    db,
    orders,
    close: async () => {
      await connection.close();
      await cleanup();
    },
  };
}
