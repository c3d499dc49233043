/**
 * Previews per user per minute. A preview runs a user's program (the mapping) in the evaluator
 * pool, so one user cannot keep the pool busy for everyone: past the limit a preview is refused
 * (429 with Retry-After). In memory, per hub replica: a sliding window of start times per user.
 */
import { AppError } from '../../server/errors';

export function createPreviewRate({ perMinute, now = Date.now }: { perMinute: number; now?: () => number }) {
  const windowMs = 60_000;
  const starts = new Map<string, number[]>();

  return {
    /** Counts one preview for `userId`, or throws `rate_limited` saying when the next one is allowed. */
    take(userId: string): void {
      const t = now();
      const recent = (starts.get(userId) ?? []).filter((s) => t - s < windowMs);
      if (recent.length >= perMinute) {
        const retryAfterSeconds = Math.ceil((recent[0]! + windowMs - t) / 1000);
        starts.set(userId, recent);
        throw new AppError('rate_limited', `Too many previews: at most ${perMinute} a minute. Try again in ${retryAfterSeconds} s.`, {
          code: 'preview_rate_limited',
          retryAfterSeconds,
        });
      }
      recent.push(t);
      starts.set(userId, recent);
      // Forget users who stopped previewing, so the map stays as small as the active users.
      if (starts.size > 1000) for (const [id, list] of starts) if (!list.some((s) => t - s < windowMs)) starts.delete(id);
    },
  };
}

export type PreviewRate = ReturnType<typeof createPreviewRate>;
