/**
 * The one logger of every Satchel process (hub, worker, activities): pino, JSON lines in
 * production, one readable line per entry in development. Every line about a document carries
 * its `orderId` (or `customerId`) and `workflowId`, so one grep or one log query follows an order
 * from the device's POST through every activity.
 */
import { Writable } from 'node:stream';
import pino, { type Logger as PinoLogger } from 'pino';
import { workflowId as workflowIdOf, type DocumentKind } from '../../domain';

export type Logger = PinoLogger;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerOptions {
  level: LogLevel;
  format: 'json' | 'pretty';
  /** The process's role on every line: hub, worker, migrate... */
  service: string;
  /** Where lines go; default stdout. Tests pass a collecting stream. */
  destination?: NodeJS.WritableStream;
}

export function createLogger({ level, format, service, destination }: LoggerOptions): Logger {
  const out = destination ?? process.stdout;
  return pino(
    {
      level,
      base: { service },
      // ISO time reads in any log viewer; "msg" stays pino's key.
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    format === 'pretty' ? prettyStream(out) : out,
  );
}

/** A logger that drops everything: for code paths (and tests) given none. */
export const silentLogger: Logger = pino({ level: 'silent' });

const WORKFLOW_ID = /^(order|quote|customer)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The document fields of a log line from a workflow id: `order-<uuid>` → orderId + workflowId,
 * `customer-<uuid>` → customerId + workflowId. Anything else → just the workflow id.
 */
export function documentFields(workflowId: string | undefined): Record<string, string> {
  if (!workflowId) return {};
  const m = WORKFLOW_ID.exec(workflowId);
  if (!m) return { workflowId };
  return m[1] === 'customer' ? { customerId: m[2]!, workflowId } : { orderId: m[2]!, workflowId };
}

/** The fields for a document known by its own id and kind (the hub, before any workflow exists). */
export function orderFields(kind: DocumentKind, id: string): Record<string, string> {
  return documentFields(workflowIdOf(kind, id));
}

const LEVEL_NAMES = new Set(['debug', 'info', 'warn', 'error', 'fatal', 'trace']);
const OMIT = new Set(['time', 'level', 'msg', 'service', 'pid', 'hostname']);

/** JSON line → `12:00:01 INFO  hub: msg key=value`: for a person at a terminal. */
export function formatPretty(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = typeof entry.level === 'string' && LEVEL_NAMES.has(entry.level) ? entry.level.toUpperCase() : String(entry.level);
  const rest = Object.entries(entry)
    .filter(([k]) => !OMIT.has(k))
    .map(([k, v]) => {
      if (k === 'err' && v && typeof v === 'object') return `err=${JSON.stringify((v as { message?: string }).message ?? v)}`;
      return `${k}=${typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v)}`;
    })
    .join(' ');
  const err = entry.err as { stack?: string } | undefined;
  const stack = err?.stack && entry.level === 'error' ? `\n${err.stack}` : '';
  return `${time} ${level.padEnd(5)} ${entry.service ?? ''}: ${entry.msg ?? ''}${rest ? ` ${rest}` : ''}${stack}`;
}

function prettyStream(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      pending += chunk.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        out.write(`${formatPretty(pending.slice(0, nl))}\n`);
        pending = pending.slice(nl + 1);
      }
      done();
    },
  });
}
