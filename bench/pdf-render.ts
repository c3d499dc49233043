/**
 * PDFs per second: the worker's printer (one Chromium, warm pages reused between documents, bounded
 * concurrency) against a fresh context and page per PDF on one browser (the printer before pages
 * were kept warm) and against launching a browser for every PDF. Same order, same template, same
 * Chromium, same run.
 *
 *   npx tsx bench/pdf-render.ts [--pdfs 60] [--fresh 30] [--naive 8] [--concurrency 2]
 *
 * Loopback only (no network at all: the page may fetch nothing). Targets: 6 PDF/s or more per
 * worker, ratio to a browser per PDF >= 5.
 */
import puppeteer from 'puppeteer-core';
import { numberArgs } from './lib/args';
import { chromiumPath, documentView, PdfPrinter, printInFreshContext, printWithOwnBrowser, renderDocumentHtml } from '../workflows/pdf';
import { CHROMIUM_ARGS } from '../workflows/pdf/printer';
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
  const a = numberArgs({ pdfs: 60, fresh: 30, naive: 8, concurrency: 2 });
  if (a.pdfs < 1 || a.fresh < 1 || a.naive < 1 || a.concurrency < 1) throw new Error('--pdfs, --fresh, --naive and --concurrency must be at least 1');
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
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  try {
    // Launch + warm-up, outside the timing: a worker pays it once.
    await Promise.all(Array.from({ length: a.concurrency }, () => printer.print(html)));
    await printInFreshContext(browser, html);
    const warm = await timed(a.pdfs, a.concurrency, () => printer.print(html));
    const fresh = await timed(a.fresh, a.concurrency, () => printInFreshContext(browser, html));
    const naive = await timed(a.naive, a.concurrency, () => printWithOwnBrowser(html));
    const warmRate = a.pdfs / warm.seconds;
    const freshRate = a.fresh / fresh.seconds;
    const naiveRate = a.naive / naive.seconds;
    console.log(
      `warm pages:         ${a.pdfs} PDFs in ${warm.seconds.toFixed(2)} s = ${warmRate.toFixed(2)} PDF/s (avg ${Math.round(warm.bytes / a.pdfs / 1024)} KB; target >= 6)`,
    );
    console.log(`context per PDF:    ${a.fresh} PDFs in ${fresh.seconds.toFixed(2)} s = ${freshRate.toFixed(2)} PDF/s`);
    console.log(`browser per PDF:    ${a.naive} PDFs in ${naive.seconds.toFixed(2)} s = ${naiveRate.toFixed(2)} PDF/s`);
    console.log(
      `ratios:             warm / context per PDF ${(warmRate / freshRate).toFixed(1)}x; warm / browser per PDF ${(warmRate / naiveRate).toFixed(1)}x (target >= 5); concurrency ${a.concurrency}`,
    );
  } finally {
    await printer.close();
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
