/**
 * What the app asks of the worker: SKIP_WAITING (switch to the waiting update) and REPLAY (send
 * the outbox now; answered with REPLAYED, ok or not, to the page that asked).
 */
declare const self: ServiceWorkerGlobalScope;

export function answerTheApp({ replay }: { replay: () => Promise<void> }): void {
  self.addEventListener('message', (event) => {
    const type = (event.data as { type?: string } | null)?.type;
    if (type === 'SKIP_WAITING') void self.skipWaiting();
    if (type === 'REPLAY') {
      event.waitUntil(
        replay().then(
          () => event.source?.postMessage({ type: 'REPLAYED', ok: true }),
          (err: unknown) => event.source?.postMessage({ type: 'REPLAYED', ok: false, reason: err instanceof Error ? err.message : String(err) }),
        ),
      );
    }
  });
}
