/**
 * PDFs per second: the worker's shared browser (one Chromium, a fresh context per PDF, bounded
 * concurrency) against launching a browser for every PDF. Same order, same template, same Chromium.
 *
 *   npx tsx bench/pdf-render.ts [--pdfs 40] [--naive 8] [--concurrency 2]
 *
 * Loopback only (no network at all: the page may fetch nothing). Target: ratio >= 5.
 */
import { numberArgs } from './lib/args';
import { documentView, PdfPrinter, printWithOwnBrowser, renderDocumentHtml } from '../workflows/pdf';
import { documentNumber, OrderSchema } from '../domain';
import { sampleOrder } from '../test/support/orders';

/** Run `n` jobs, `concurrency` at a time; seconds taken. */
async function timed(n: number, concurrency: number, job: (i: number) => Promise<Buffer>): Promise<{ seconds: number; bytes: number }> {
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const pdf = await job(next++);
        bytes += pdf.length; // not `bytes += await …`: that reads `bytes` before the await
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, bytes };
}

async function main(): Promise<void> {
  const a = numberArgs({ pdfs: 40, naive: 8, concurrency: 2 });
  if (a.pdfs < 1 || a.naive < 1 || a.concurrency < 1) throw new Error('--pdfs, --naive and --concurrency must be at least 1');
  const order = OrderSchema.parse(
    sampleOrder({
      lines: Array.from({ length: 12 }, (_, n) => ({ itemId: `i${n}`, name: `Item ${n + 1}`, quantity: n + 1, unitPrice: 199 + n * 50, taxPercent: 8.25 })),
    }),
  );
  const html = renderDocumentHtml(
    documentView(order, {
      number: documentNumber('order', order.id),
      company: { name: 'Bench Trading Co.' },
      rep: { name: 'Bench Rep', email: 'rep@bench.test' },
    }),
  );

  const printer = new PdfPrinter({ maxConcurrent: a.concurrency });
  try {
    await printer.print(html); // launch + warm-up, outside the timing: a worker pays it once
    const shared = await timed(a.pdfs, a.concurrency, () => printer.print(html));
    const naive = await timed(a.naive, a.concurrency, () => printWithOwnBrowser(html));
    const sharedRate = a.pdfs / shared.seconds;
    const naiveRate = a.naive / naive.seconds;
    console.log(
      `shared browser:     ${a.pdfs} PDFs in ${shared.seconds.toFixed(2)} s = ${sharedRate.toFixed(2)} PDF/s (avg ${Math.round(shared.bytes / a.pdfs / 1024)} KB)`,
    );
    console.log(`browser per PDF:    ${a.naive} PDFs in ${naive.seconds.toFixed(2)} s = ${naiveRate.toFixed(2)} PDF/s`);
    console.log(`ratio:              ${(sharedRate / naiveRate).toFixed(1)}x (target >= 5), concurrency ${a.concurrency}`);
  } finally {
    await printer.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
