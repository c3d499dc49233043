/** The customer's usual products: most often first, then most recent; the last quantity kept; other customers and refused documents left out. */
import type { OutboxEntry } from '../store/outbox';
import { favouritesOf } from './favourites';

const entry = (customerId: string, createdAt: string, lines: Array<[string, number]>, state: OutboxEntry['state'] = 'sent'): OutboxEntry =>
  ({
    id: `${customerId}-${createdAt}`,
    kind: 'order',
    customerId,
    customerName: 'Shop',
    createdAt,
    seq: 1,
    state,
    attempts: 0,
    body: { lines: lines.map(([itemId, quantity]) => ({ itemId, name: `Item ${itemId}`, quantity, unitPrice: 100 })) },
  }) as unknown as OutboxEntry;

it('ranks by how often, then how recently, with the last quantity', () => {
  const entries = [
    entry('c1', '2026-11-01', [
      ['a', 2],
      ['b', 1],
    ]),
    entry('c1', '2026-11-08', [
      ['a', 5],
      ['c', 3],
    ]),
    entry('c1', '2026-11-15', [['c', 4]]),
    entry('c1', '2026-11-20', [['z', 9]], 'rejected'),
    entry('c2', '2026-11-21', [['a', 100]]),
  ];
  expect(favouritesOf(entries, ['c1']).map((f) => [f.itemId, f.times, f.lastQuantity])).toEqual([
    ['c', 2, 4],
    ['a', 2, 5],
    ['b', 1, 1],
  ]);
  // A customer made on the device and since synced: both ids are theirs.
  expect(favouritesOf(entries, ['c1', 'c2'])[0]).toMatchObject({ itemId: 'a', times: 3, lastQuantity: 100 });
});
