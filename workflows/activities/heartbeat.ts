/**
 * Heartbeat while a slow call is in flight, so that a worker killed mid-call is noticed after the
 * heartbeat timeout (seconds) instead of the start-to-close timeout (minutes).
 */
import { Context } from '@temporalio/activity';

export async function withHeartbeat<T>(run: () => Promise<T>, everyMs = 2000): Promise<T> {
  let ctx: Context | undefined;
  try {
    ctx = Context.current();
  } catch {
    return run(); // called outside an activity (a unit test)
  }
  ctx.heartbeat();
  const timer = setInterval(() => ctx!.heartbeat(), everyMs);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}
