/**
 * Entry points (hub, worker, migrate) run through here, so that a missing database, Temporal
 * server or bad setting ends the process with one plain line saying what to do, not a stack trace.
 */
import { ConfigError } from '../config';
import { DatabaseUnavailableError } from './db/connect';

/** An error whose message is all the user needs: printed without a stack trace. */
export class PlainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlainError';
  }
}

export class ServiceUnavailableError extends PlainError {
  override name = 'ServiceUnavailableError';
}

export function explainStartupError(err: unknown, failed = 'Cannot start'): string {
  if (err instanceof ConfigError) {
    // One problem: one line. Several: the list, each naming its variable.
    if (err.problems.length === 1) return `${failed}: ${err.problems[0]} (see .env.example).`;
    return `${err.message}\nFix the variables above (see .env.example).`;
  }
  if (err instanceof DatabaseUnavailableError) {
    return `${failed}: ${err.message}. Start the database, or unset DATABASE_URL to use the embedded SQLite file.`;
  }
  if (err instanceof PlainError) return `${failed}: ${err.message}`;
  return `${failed}: ${(err as Error)?.stack ?? String(err)}`;
}

export function runMain(main: () => Promise<void>, failed?: string): void {
  main().catch((err) => {
    console.error(explainStartupError(err, failed));
    process.exit(1);
  });
}
