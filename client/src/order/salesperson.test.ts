/** The order's Zoho salesperson starts as the rep's own: the one whose email is the rep's (case aside), else none. */
import { defaultSalesperson } from './salesperson';

const list = [
  { id: '1', name: 'Riley Rep', email: 'rep@satchel.local' },
  { id: '2', name: 'Office', email: 'sales@x.example' },
  { id: '3', name: 'No email' },
];

test('the rep’s own salesperson by email, else none', () => {
  expect(defaultSalesperson(list, ' REP@satchel.local ')?.id).toBe('1');
  expect(defaultSalesperson(list, 'nobody@x.example')).toBeUndefined();
  expect(defaultSalesperson(list, '')).toBeUndefined();
  expect(defaultSalesperson(undefined, 'rep@satchel.local')).toBeUndefined();
});
