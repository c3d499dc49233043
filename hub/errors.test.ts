/**
 * Which errors mean "the database is gone for a moment" (503, a device retries) and which are the
 * hub's own fault (500): read from the shapes pg, Sequelize and SQLite really throw.
 */
import { ConnectionError, DatabaseError } from 'sequelize';
import { isDatabaseUnavailable } from './errors';

/** Sequelize's wrapping of a driver error, as its query layer builds it. */
function wrapped(driver: Error): DatabaseError {
  return new DatabaseError(Object.assign(driver, { sql: 'SELECT 1' }) as Error & { sql: string });
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a Sequelize connection error', new ConnectionError(new Error('connect ECONNREFUSED'))],
    ['an administrator terminating the backend (57P01)', wrapped(withCode('terminating connection due to administrator command', '57P01'))],
    ['a socket reset under a query', wrapped(withCode('read ECONNRESET', 'ECONNRESET'))],
    ['a write to a closed socket', wrapped(withCode('write EPIPE', 'EPIPE'))],
    ['pg refusing a query on a broken client (plain Error)', new Error('Client has encountered a connection error and is not queryable')],
    ['pg noticing the connection end', wrapped(new Error('Connection terminated unexpectedly'))],
    ['SQLite busy past its timeout', wrapped(withCode('SQLITE_BUSY: database is locked', 'SQLITE_BUSY'))],
  ])('%s is unavailable', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a bad query', wrapped(withCode('column "nope" does not exist', '42703'))],
    ['a constraint', wrapped(withCode('duplicate key value violates unique constraint', '23505'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'ECONNRESET'],
  ])('%s is not', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
