/**
 * Zoho activities run on their own task queue so the worker can cap their rate
 * (maxTaskQueueActivitiesPerSecond) across every worker process at once.
 */
export function zohoTaskQueue(mainQueue: string): string {
  return `${mainQueue}-zoho`;
}
