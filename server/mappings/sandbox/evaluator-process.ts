/**
 * The evaluator process: applies a mapping to one order (or customer) for the pool in
 * process-pool.ts and answers the payload. Before each template or expression row it writes the
 * row to fd 4 (synchronously), so that the pool can name the row it had to stop. It holds no
 * secrets and opens nothing: what a mapping can reach here is the order it was given.
 */
import fs from 'node:fs';
import { applyContactMapping, applyMapping, type ApplyOptions, type MappingResult } from '../../../mappings';
import type { EvaluationRequest } from './protocol';

const PROGRESS_FD = 4;

function report(id: number, step: object): void {
  try {
    fs.writeSync(PROGRESS_FD, `${id}\t${JSON.stringify(step)}\n`);
  } catch {
    // No progress pipe (run by hand): nothing to report to.
  }
}

/** The largest value in the payload, to blame a payload that is too big on its row. */
function largest(result: MappingResult): { field: string; line?: number; size: number } {
  let best = { field: '', size: -1 } as { field: string; line?: number; size: number };
  const visit = (fields: Record<string, unknown>, line?: number) => {
    for (const [field, value] of Object.entries(fields)) {
      if (field === 'line_items') continue;
      const size = JSON.stringify(value)?.length ?? 0;
      if (size > best.size) best = { field, size, ...(line ? { line } : {}) };
    }
  };
  visit(result.payload);
  result.payload.line_items?.forEach((l, i) => visit(l, i + 1));
  return best;
}

async function evaluate(id: number, request: EvaluationRequest): Promise<MappingResult> {
  const opts: ApplyOptions = { onRow: (row) => report(id, row) };
  const result =
    request.op === 'order'
      ? await applyMapping(request.mapping, request.order, request.context, opts)
      : await applyContactMapping(request.mapping, request.customer, opts);
  report(id, { row: '(payload)', zohoField: '' });
  const size = JSON.stringify(result).length;
  if (size > request.maxOutputChars) {
    const big = largest(result);
    throw Object.assign(new Error(`the payload is ${size} characters of JSON, more than ${request.maxOutputChars}`), { field: big.field, line: big.line });
  }
  return result;
}

process.on('message', (message: { id: number; request: EvaluationRequest }) => {
  evaluate(message.id, message.request).then(
    (result) => process.send!({ id: message.id, ok: true, result }),
    (err: Error & { field?: string; line?: number }) =>
      process.send!({ id: message.id, ok: false, error: JSON.stringify({ message: err.message, field: err.field, line: err.line }) }),
  );
});
// The parent is gone: so is this process.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
