/**
 * Every evaluation of a mapping, run outside the caller's event loop: in the pool of evaluator
 * processes (process-pool.ts), each with a heap cap, a wall-clock deadline after which it is
 * killed and replaced, and a bound on the payload it may return. The hub's preview and save check
 * and the worker's mapping activities all go through here, never through `applyMapping` in process.
 *
 * A mapping the sandbox had to stop is refused as `invalid` (code `mapping_stopped`) naming the
 * row that was running; a pool too busy to start it in time is `unavailable` (retry later).
 */
import type { MappingSandboxSettings } from '../../../config';
import type { Customer, Order } from '../../../domain';
import {
  rowField,
  SAMPLE_CONTEXT,
  SAMPLE_CUSTOMER,
  SAMPLE_ORDER,
  isDocumentTarget,
  type Mapping,
  type MappingContext,
  type MappingResult,
} from '../../../mappings';
import { AppError } from '../../errors';
import { createProcessPool, PoolBusy, TaskStopped } from './process-pool';
import type { EvaluationRequest } from './protocol';
import { evaluatorEntry } from './bundle';

export type EvaluatorSettings = Omit<MappingSandboxSettings, 'previewPerMinute'>;

export const DEFAULT_EVALUATOR_SETTINGS: EvaluatorSettings = { deadlineMs: 1000, memoryMb: 64, poolSize: 2, maxOutputChars: 512 * 1024 };

/** The row a stopped evaluation was in, from the process's last progress line. */
interface RowStep {
  row: string;
  zohoField: string;
  line?: number;
}

const WHY: Record<TaskStopped['reason'], string> = {
  timeout: 'an endless loop, a huge range, or a regular expression that backtracks?',
  memory: 'a huge string or list?',
  crashed: '',
};

function stopped(row: RowStep | undefined, message: string): AppError {
  const where = row ? `${row.row}${row.zohoField ? ` (${row.zohoField})` : ''}${row.line ? ` on line ${row.line}` : ''}` : 'the mapping';
  const text = `${where}: ${message}; the evaluation was stopped`;
  return new AppError('invalid', text, {
    code: 'mapping_stopped',
    fields: [
      { path: row?.row ?? '(mapping)', message: text, ...(row ? { row: row.row, zohoField: row.zohoField, ...(row.line ? { line: row.line } : {}) } : {}) },
    ],
  });
}

/** The row that fills `field` (a payload too big is blamed on it). */
function rowOf(mapping: Mapping, field: string, line?: number): RowStep | undefined {
  const rows = line ? mapping.lineFields : mapping.fields;
  const list = line ? 'lineFields' : 'fields';
  const index = field === 'custom_fields' ? rows.findIndex((r) => 'customField' in r) : rows.findIndex((r) => rowField(r) === field);
  return index < 0 ? undefined : { row: `${list}[${index}]`, zohoField: rowField(rows[index]!), ...(line ? { line } : {}) };
}

/** The child's own error (evaluator-process.ts sends it as JSON). */
function parseChildError(err: unknown): { message: string; field?: string; line?: number } {
  try {
    return JSON.parse((err as Error).message) as { message: string; field?: string; line?: number };
  } catch {
    return { message: String((err as Error)?.message ?? err) };
  }
}

export function createMappingEvaluator(settings: EvaluatorSettings = DEFAULT_EVALUATOR_SETTINGS) {
  const pool = createProcessPool({
    entry: evaluatorEntry(),
    size: settings.poolSize,
    deadlineMs: settings.deadlineMs,
    memoryMb: settings.memoryMb,
    // A queue as long as a few runaways in a row, each stopped at its deadline and replaced; within
    // the worker's 30 s for its mapping activity, the deadline itself included.
    queueTimeoutMs: Math.min(20_000, Math.max(15_000, settings.deadlineMs * 15)),
  });

  async function run(mapping: Mapping, request: EvaluationRequest): Promise<MappingResult> {
    let result: MappingResult;
    try {
      result = await pool.run<MappingResult>(request);
    } catch (err) {
      if (err instanceof TaskStopped) {
        const row = err.progress ? (JSON.parse(err.progress) as RowStep) : undefined;
        const why = WHY[err.reason];
        return Promise.reject(stopped(row?.row === '(payload)' ? undefined : row, `${err.message}${why ? ` (${why})` : ''}`));
      }
      if (err instanceof PoolBusy)
        throw new AppError('unavailable', `Mappings cannot be evaluated right now: ${err.message}`, { code: 'mapping_busy', cause: err });
      const detail = parseChildError(err);
      throw stopped(detail.field !== undefined ? rowOf(mapping, detail.field, detail.line) : undefined, detail.message);
    }
    return result;
  }

  return {
    settings,

    /** A sales order or estimate payload from an order, evaluated in the sandbox. */
    applyMapping(mapping: Mapping, order: Order, context: MappingContext): Promise<MappingResult> {
      return run(mapping, { op: 'order', mapping, order, context, maxOutputChars: settings.maxOutputChars });
    },

    /** A contact payload from a customer made on a device, evaluated in the sandbox. */
    applyContactMapping(mapping: Mapping, customer: Customer): Promise<MappingResult> {
      return run(mapping, { op: 'contact', mapping, customer, maxOutputChars: settings.maxOutputChars });
    },

    /** The sample order (or customer) of the mapping's target, evaluated in the sandbox. */
    applyToSample(mapping: Mapping): Promise<MappingResult> {
      return isDocumentTarget(mapping.target) ? this.applyMapping(mapping, SAMPLE_ORDER, SAMPLE_CONTEXT) : this.applyContactMapping(mapping, SAMPLE_CUSTOMER);
    },

    warm: () => pool.warm(),
    ready: () => pool.ready(),
    alive: () => pool.alive(),
    close: () => pool.close(),
  };
}

export type MappingEvaluator = ReturnType<typeof createMappingEvaluator>;
