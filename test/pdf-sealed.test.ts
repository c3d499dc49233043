/**
 * The printer's warm pages (workflows/pdf/printer.ts) are reused from one document to the next, so
 * each must stay sealed: a document that tries to run script or reach the network (a stylesheet,
 * an image, a frame, a refresh, a fetch from script) gets neither — a server on loopback counts
 * every request it would have made, and the PDF's text shows what ran — and the next document on
 * the same page shows nothing of the one before. Real Chromium.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PdfPrinter } from '../workflows/pdf';
import { pdfText } from './support/documents';

jest.setTimeout(60_000);

describe('a warm PDF page, reused between documents', () => {
  const hits: string[] = [];
  let server: http.Server;
  let base: string;
  // One slot: every document below prints on the same page.
  const printer = new PdfPrinter({ maxConcurrent: 1 });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.setHeader('content-type', req.url?.endsWith('.css') ? 'text/css' : 'text/html');
      res.end(req.url?.endsWith('.css') ? 'body::after { content: "STYLESHEET LOADED"; }' : '<p>FRAME LOADED</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await printer.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('runs no script and makes no request, and the next document starts blank', async () => {
    const hostile = `<!doctype html><html><head>
      <link rel="stylesheet" href="${base}/style.css">
      <meta http-equiv="refresh" content="0;url=${base}/refresh">
      </head><body>
      <p>FIRST DOCUMENT</p>
      <img src="${base}/image.png" alt="">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="document.body.append('HANDLER RAN')" alt="">
      <iframe src="${base}/frame"></iframe>
      <script>document.body.append('SCRIPT RAN'); fetch('${base}/fetch'); new Image().src = '${base}/beacon';</script>
      <noscript><p>SCRIPT IS OFF</p></noscript>
      </body></html>`;
    const first = await pdfText(await printer.print(hostile));
    expect(first).toContain('FIRST DOCUMENT');
    expect(first).toContain('SCRIPT IS OFF');
    expect(first).not.toMatch(/SCRIPT RAN|HANDLER RAN|STYLESHEET LOADED|FRAME LOADED/);

    const second = await pdfText(await printer.print('<!doctype html><p>SECOND DOCUMENT</p>'));
    expect(second).toContain('SECOND DOCUMENT');
    expect(second).not.toMatch(/FIRST DOCUMENT|SCRIPT IS OFF/);

    // Given a moment for anything late (the refresh, a lazy frame) to try.
    await new Promise((r) => setTimeout(r, 500));
    expect(hits).toEqual([]);
  });
});
