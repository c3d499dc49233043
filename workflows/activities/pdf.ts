/** Step 6: the order's PDF, rendered once and kept in the hub database for the email and Zoho. */
import type { DocumentSettings } from '../../config';
import type { OrderRepository } from '../../server/orders/repository';
import { documentView, renderDocumentHtml, type PdfPrinter } from '../pdf';
import { asActivities } from './failures';

export interface PdfActivityDeps {
  orders: OrderRepository;
  printer: PdfPrinter;
  settings: Pick<DocumentSettings, 'companyName' | 'companyAddress'>;
  /** Told how long each print took (the worker's PDF render time histogram). */
  onRendered?: (seconds: number) => void;
}

export function createPdfActivities({ orders, printer, settings, onRendered }: PdfActivityDeps) {
  return asActivities({
    /** The PDF of the revision Zoho holds (a revision re-renders it, marked as such); once per revision. */
    async renderOrderPdf(orderId: string): Promise<{ bytes: number; rendered: boolean; revision: number }> {
      const row = await orders.load(orderId);
      const revision = row.sentRevision ?? 0;
      const existing = await orders.output(orderId);
      if (existing?.pdf && (existing.pdfRevision ?? 0) >= revision) return { bytes: existing.pdfBytes ?? existing.pdf.length, rendered: false, revision };
      const { payload } = await orders.payloadAt(row, revision);
      const rep = await orders.repOf(row);
      const customer = await orders.deviceCustomerOf(row);
      const html = renderDocumentHtml(
        documentView(payload, {
          revision,
          number: row.zohoNumber ?? row.number,
          company: { name: settings.companyName, address: settings.companyAddress },
          rep: rep ? { name: rep.name, email: rep.email } : null,
          customerEmail: payload.customer.email ?? customer?.email,
        }),
      );
      const started = process.hrtime.bigint();
      const pdf = await printer.print(html);
      onRendered?.(Number(process.hrtime.bigint() - started) / 1e9);
      await orders.savePdf(orderId, pdf, revision);
      return { bytes: pdf.length, rendered: true, revision };
    },
  });
}

export type PdfActivities = ReturnType<typeof createPdfActivities>;
