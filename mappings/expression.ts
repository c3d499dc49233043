/**
 * Expression sources: JSONata (https://jsonata.org), the escape hatch for what a path, a template
 * or a lookup cannot say (`$sum(lines.quantity)`, `paymentMethod = "card" ? "Paid" : "Due"`).
 *
 * An admin's expression runs inside the worker, so it is bounded: every evaluation step checks a
 * deadline and a depth (JSONata's own timebox hooks, `__evaluate_entry` / `__evaluate_exit`, as
 * its test suite uses them), ranges are capped, and the result must be small. A hostile
 * `($f := function($x){ $f($x) }; $f(1))` or a huge range fails the row instead of hanging the worker.
 */
import jsonata from 'jsonata';

export interface ExpressionLimits {
  /** Wall-clock budget of one evaluation. */
  timeoutMs: number;
  /** Nesting of evaluation steps (deep recursion). */
  maxDepth: number;
  /** Size of the result as JSON, in characters. */
  maxResultChars: number;
}

export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = { timeoutMs: 250, maxDepth: 200, maxResultChars: 20_000 };

export class ExpressionError extends Error {}

/** Parse errors, found without any data; returns the error message or undefined. */
export function expressionCompileError(expression: string): string | undefined {
  try {
    jsonata(expression);
    return undefined;
  } catch (err) {
    return `expression does not compile: ${describe(err)}`;
  }
}

// A range such as [1..10000000] is built in one step, before any hook runs: refuse big literal ranges.
const BIG_RANGE = /\.\.\s*(\d{6,}|\$)/;

export async function evaluateExpression(expression: string, input: unknown, limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS): Promise<unknown> {
  if (BIG_RANGE.test(expression)) throw new ExpressionError('expression refused: ranges must have literal bounds below 100000');
  let expr: jsonata.Expression;
  try {
    expr = jsonata(expression); // compiled per evaluation: the hooks below hold this evaluation's own clock
  } catch (err) {
    throw new ExpressionError(`expression does not compile: ${describe(err)}`);
  }
  const deadline = Date.now() + limits.timeoutMs;
  let depth = 0;
  const check = () => {
    if (depth > limits.maxDepth) throw { code: 'U1001', message: `too deep (over ${limits.maxDepth} nested steps; endless recursion?)` };
    if (Date.now() > deadline) throw { code: 'U1001', message: `took longer than ${limits.timeoutMs} ms (endless loop?)` };
  };
  // JSONata 2 looks its hooks up under these symbols (jsonata.js: Symbol.for('jsonata.__evaluate_entry')).
  const assign = expr.assign as (name: string | symbol, value: unknown) => void;
  assign(Symbol.for('jsonata.__evaluate_entry'), () => {
    depth++;
    check();
  });
  assign(Symbol.for('jsonata.__evaluate_exit'), () => {
    depth--;
    check();
  });
  let result: unknown;
  try {
    result = await expr.evaluate(input);
  } catch (err) {
    throw new ExpressionError(`expression failed: ${describe(err)}`);
  }
  if (typeof result === 'function') throw new ExpressionError('expression produced a function, not a value');
  const size = result === undefined ? 0 : (JSON.stringify(result)?.length ?? 0);
  if (size > limits.maxResultChars) throw new ExpressionError(`expression produced ${size} characters, more than ${limits.maxResultChars}`);
  return result;
}

function describe(err: unknown): string {
  const e = err as { message?: string; code?: string; position?: number };
  const where = typeof e?.position === 'number' ? ` (at ${e.position})` : '';
  return `${e?.message ?? String(err)}${where}`.slice(0, 300);
}
