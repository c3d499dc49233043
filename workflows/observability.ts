/**
 * Temporal's logs through our logger. The SDK hands every activity and workflow log line the
 * context it runs in (workflowId, run id, activity type, attempt); we add the order id derived
 * from the workflow id, so the lines join the hub's about the same order. An activity interceptor
 * counts outcomes and durations for the metrics.
 */
import { type Context } from '@temporalio/activity';
import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import { CancelledFailure } from '@temporalio/common';
import { documentFields, type Logger } from '../server/observability/logger';
import type { WorkerMetrics } from '../server/observability/metrics';

const LEVELS: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};
const SEVERITY = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 } as const;

/**
 * The SDK's own components (worker, core) say a lot at INFO (bundling stats, state changes): they
 * pass from WARN up unless the logger is at debug. Our code's lines (sdkComponent activity or
 * workflow) pass at the configured level.
 */
export class TemporalPinoLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: TemporalLogLevel, message: string, meta: LogMetadata = {}): void {
    const name = LEVELS[level] ?? 'info';
    const component = typeof meta.sdkComponent === 'string' ? meta.sdkComponent : undefined;
    const internal = component !== 'activity' && component !== 'workflow';
    if (internal && this.logger.level !== 'debug' && this.logger.level !== 'trace' && SEVERITY[name] < SEVERITY.warn) return;
    this.logger[name](fieldsOf(meta), message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** SDK metadata → our field names; the task token (opaque, long) stays out of the logs. */
export function fieldsOf(meta: LogMetadata): Record<string, unknown> {
  const { taskToken: _token, workflowRunId, runId, workflowId, error, ...rest } = meta as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest, ...documentFields(typeof workflowId === 'string' ? workflowId : undefined) };
  const run = workflowRunId ?? runId;
  if (run) out.runId = run;
  if (error !== undefined) out.err = error;
  return out;
}

/** Counts each activity's outcome and time in the worker metrics. */
export class ActivityMetricsInterceptor implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: Context,
    private readonly metrics: WorkerMetrics,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const started = process.hrtime.bigint();
    const type = this.ctx.info.activityType;
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await next(input);
      this.metrics.activityFinished(type, 'completed', seconds());
      return result;
    } catch (err) {
      this.metrics.activityFinished(type, err instanceof CancelledFailure ? 'cancelled' : 'failed', seconds());
      throw err;
    }
  }
}

/** For `Worker.create({ interceptors: { activity: [...] } })`. */
export function activityMetricsInterceptor(metrics: WorkerMetrics) {
  return (ctx: Context) => ({ inbound: new ActivityMetricsInterceptor(ctx, metrics) });
}
