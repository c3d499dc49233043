/**
 * Entry points (hub, worker, migrate) run through here, so that a missing database, Temporal
 * server or bad setting ends the process with one plain line saying what to do, not a stack trace.
 */
import { ConfigError } from '../../config';
import { DatabaseUnavailableError } from '../../hub/db/connect';

export class ServiceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}

export function explainStartupError(err: unknown): string {
  if (err instanceof ConfigError) return `${err.message}\nFix the variables above (see .env.example).`;
  if (err instanceof DatabaseUnavailableError) {
    return `Cannot start: ${err.message}. Start the database, or unset DATABASE_URL to use the embedded SQLite file.`;
  }
  if (err instanceof ServiceUnavailableError) return `Cannot start: ${err.message}`;
  return `Cannot start: ${(err as Error)?.stack ?? String(err)}`;
}

export function runMain(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(explainStartupError(err));
    process.exit(1);
  });
}
