/** Step 6: the order's PDF, rendered once and kept in the hub database for the email and Zoho. */
import { ApplicationFailure } from '@temporalio/activity';
import type { DocumentSettings } from '../../config';
import type { Database } from '../../server/db/connect';
import { documentView, renderDocumentHtml, type PdfPrinter } from '../pdf';

export interface PdfActivityDeps {
  db: Database;
  printer: PdfPrinter;
  settings: Pick<DocumentSettings, 'companyName' | 'companyAddress'>;
  /** Told how long each print took (the worker's PDF render time histogram). */
  onRendered?: (seconds: number) => void;
}

export function createPdfActivities({ db, printer, settings, onRendered }: PdfActivityDeps) {
  return {
    async renderOrderPdf(orderId: string): Promise<{ bytes: number; rendered: boolean }> {
      const existing = await db.OrderOutput.findByPk(orderId);
      if (existing?.pdf) return { bytes: existing.pdfBytes ?? existing.pdf.length, rendered: false };
      const row = await db.Order.findByPk(orderId);
      if (!row) throw ApplicationFailure.nonRetryable(`Order ${orderId} is not in the hub database`, 'OrderMissing');
      const rep = row.repId ? await db.User.findByPk(row.repId) : null;
      const customer = row.payload.customer.deviceCustomerId ? await db.Customer.findByPk(row.payload.customer.deviceCustomerId) : null;
      const html = renderDocumentHtml(
        documentView(row.payload, {
          number: row.zohoNumber ?? row.number,
          company: { name: settings.companyName, address: settings.companyAddress },
          rep: rep ? { name: rep.name, email: rep.email } : null,
          customerEmail: row.payload.customer.email ?? customer?.email,
        }),
      );
      const started = process.hrtime.bigint();
      const pdf = await printer.print(html);
      onRendered?.(Number(process.hrtime.bigint() - started) / 1e9);
      await db.OrderOutput.upsert({ orderId, pdf, pdfBytes: pdf.length, renderedAt: new Date() });
      return { bytes: pdf.length, rendered: true };
    },
  };
}

export type PdfActivities = ReturnType<typeof createPdfActivities>;
