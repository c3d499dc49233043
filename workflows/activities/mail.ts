/**
 * Step 7: the PDF by email to the rep (and the customer, and an orders desk, when configured).
 * Sent at most once per order: the send is recorded right after the SMTP server accepts it, and the
 * Message-ID is derived from the order, so a receiving system can tell a duplicate in the rare case
 * a worker dies between the two.
 */
import { ApplicationFailure } from '@temporalio/activity';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DocumentSettings } from '../../config';
import { formatMoney } from '../../domain';
import type { OrderRepository } from '../../server/orders/repository';
import { FailureType } from '../failure-types';
import { composeMail } from '../mail/compose';
import { asActivities } from './failures';

export interface MailActivityDeps {
  orders: OrderRepository;
  /** SMTP URL (SMTP_URL, or the mail catcher) or a ready transport (tests). */
  smtp: string | Transporter;
  from: string;
  settings: Pick<DocumentSettings, 'companyName' | 'mailToCustomer' | 'mailCopyTo' | 'mailTemplatesDir'>;
}

export interface MailResult {
  recipients: string[];
  sent: boolean;
  note: string;
}

export function createMailActivities({ orders, smtp, from, settings }: MailActivityDeps) {
  const transport = typeof smtp === 'string' ? nodemailer.createTransport(smtp) : smtp;

  return asActivities({
    async emailOrderPdf(orderId: string, confirmed: boolean): Promise<MailResult> {
      const out = await orders.output(orderId);
      // Once per revision: the PDF's revision is the one to send (0, the first, before revisions existed too).
      const revision = out?.pdfRevision ?? 0;
      if (out?.emailedAt && (out.emailedRevision ?? 0) >= revision) {
        const recipients = (out.emailRecipients ?? '').split(',').filter(Boolean);
        return { recipients, sent: false, note: `already emailed to ${recipients.join(', ')}` };
      }
      const row = await orders.load(orderId);
      if (!out?.pdf) throw ApplicationFailure.retryable(`The PDF of ${row.number} is not rendered yet`, FailureType.NotReady);
      const { payload, totalMinor } = await orders.payloadAt(row, revision);

      const rep = await orders.repOf(row);
      const device = await orders.deviceCustomerOf(row);
      const customerEmail = settings.mailToCustomer ? (payload.customer.email ?? device?.email ?? undefined) : undefined;
      const to = [rep?.email, customerEmail].filter((a): a is string => !!a);
      const copy = settings.mailCopyTo && !to.includes(settings.mailCopyTo) ? settings.mailCopyTo : undefined;
      if (to.length === 0 && !copy) {
        return { recipients: [], sent: false, note: 'not emailed: no rep on the order, and MAIL_COPY_TO is not set' };
      }
      const number = row.zohoNumber ?? row.number;
      const { subject, text } = composeMail(
        {
          kind: row.kind,
          number,
          customer: row.customerName,
          total: formatMoney({ amount: totalMinor, currency: payload.currency }),
          deliveryDate: payload.deliveryDate,
          reference: payload.reference,
          repName: rep?.name,
          company: settings.companyName,
          confirmed,
          revision: revision || undefined,
        },
        settings.mailTemplatesDir,
      );
      const messageId = revision ? `<${row.kind}-${row.id}-r${revision}@satchel>` : `<${row.kind}-${row.id}@satchel>`;
      try {
        await transport.sendMail({
          from,
          to: to.length ? to : copy,
          bcc: to.length ? copy : undefined,
          subject,
          text,
          messageId,
          attachments: [
            { filename: revision ? `${number}-revision-${revision}.pdf` : `${number}.pdf`, content: Buffer.from(out.pdf), contentType: 'application/pdf' },
          ],
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        // 5xx: the server refuses for good (bad address, too large); retrying cannot help.
        if (code && code >= 500) throw ApplicationFailure.nonRetryable(`The mail server refused the email: ${(err as Error).message}`, FailureType.MailRefused);
        throw ApplicationFailure.retryable(`Could not send the email: ${(err as Error).message}`, FailureType.MailTransient);
      }
      const recipients = [...to, ...(copy ? [copy] : [])];
      await orders.markEmailed(out, messageId, recipients, revision);
      return { recipients, sent: true, note: `emailed to ${recipients.join(', ')}` };
    },
  });
}

export type MailActivities = ReturnType<typeof createMailActivities>;
