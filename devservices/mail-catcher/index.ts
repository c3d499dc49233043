/**
 * The mail catcher: a local SMTP server that accepts every message and keeps it in memory, plus a
 * small web page to read them. It is the development default when SMTP_URL is not set, and what
 * tests send to when they need to see an email that "went out".
 */
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { Mailbox, type CaughtMail } from './mailbox';
import { createWebApp } from './web';

export { Mailbox, type CaughtAttachment, type CaughtMail } from './mailbox';

export interface MailCatcherOptions {
  /** SMTP port; 0 (default) picks a free one. */
  smtpPort?: number;
  /** Web page port; 0 (default) picks a free one. */
  webPort?: number;
  host?: string;
  /** Largest message accepted, in bytes (default 25 MB). */
  maxMessageBytes?: number;
  /** How many messages are kept; the oldest go first (default 1000). */
  maxMessages?: number;
}

export interface MailCatcher {
  smtpPort: number;
  webPort: number;
  host: string;
  /** Base URL of the web page. */
  webUrl: string;
  /** SMTP URL to give a sender (`smtp://host:port`). */
  smtpUrl: string;
  /** All caught messages, oldest first. */
  messages(): CaughtMail[];
  /** The first message (already caught or still to come) that matches; rejects after timeoutMs. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  clear(): void;
  close(): Promise<void>;
}

const MB = 1024 * 1024;

/** The in-memory mailbox, shared by the SMTP side and the web side. */

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? v.name).filter((s): s is string => !!s));
}

function addressText(field: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.map((a) => a.text).join(', ');
}

/** A parsed message in the catcher's own shape. */
export function toCaughtMail(parsed: ParsedMail, raw: Buffer, session: Pick<SMTPServerSession, 'envelope'>): Omit<CaughtMail, 'id'> {
  const now = new Date();
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return {
    receivedAt: now.toISOString(),
    messageId: parsed.messageId,
    subject: parsed.subject ?? '',
    from: addressText(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    envelope: { from: envelopeFrom, to: session.envelope.rcptTo.map((r) => r.address) },
    date: (parsed.date ?? now).toISOString(),
    text: parsed.text,
    html: typeof parsed.html === 'string' ? parsed.html : undefined,
    attachments: parsed.attachments.map((a, n) => ({
      filename: a.filename ?? `attachment-${n + 1}`,
      contentType: a.contentType,
      size: a.size ?? a.content.length,
      content: a.content,
    })),
    raw,
  };
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function listen(
  server: { listen(port: number, host: string, cb: () => void): unknown; once(e: 'error', l: (err: Error) => void): unknown },
  port: number,
  host: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxBytes = options.maxMessageBytes ?? 25 * MB;
  const mailbox = new Mailbox(options.maxMessages);

  const smtp = new SMTPServer({
    banner: 'Satchel mail catcher: every message is kept here, nothing is delivered',
    size: maxBytes,
    rejectOversized: true,
    authOptional: true,
    allowInsecureAuth: true, // accept whatever credentials a sender was configured with
    disabledCommands: ['STARTTLS'], // plain text on localhost; no self-signed certificate to refuse
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anyone' });
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            const err = Object.assign(new Error('Message exceeds fixed maximum message size'), { responseCode: 552 });
            return callback(err);
          }
          const parsed = await simpleParser(raw);
          const mail = mailbox.add(toCaughtMail(parsed, raw, session));
          callback(null, `Caught as message ${mail.id}`);
        })
        .catch((err: Error) => callback(err));
    },
  });
  smtp.on('error', () => {
    /* a broken client connection must not bring the catcher down */
  });

  await listen(smtp.server, options.smtpPort ?? 0, host);
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const app = createWebApp(mailbox);
  let web: HttpServer;
  try {
    web = await new Promise<HttpServer>((resolve, reject) => {
      const s = app.listen(options.webPort ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
      s.once('error', reject);
    });
  } catch (err) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  }
  const webPort = (web.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    smtpPort,
    webPort,
    host,
    webUrl: `http://${urlHost}:${webPort}`,
    smtpUrl: `smtp://${urlHost}:${smtpPort}`,
    messages: () => mailbox.list(),
    waitFor: (predicate, timeoutMs) => mailbox.waitFor(predicate, timeoutMs),
    clear: () => mailbox.clear(),
    close() {
      closing ??= Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          web.close(() => resolve());
          web.closeAllConnections();
        }),
      ]).then(() => undefined);
      return closing;
    },
  };
}
