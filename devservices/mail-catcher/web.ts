/** The mail catcher's web side: an HTML list, one page per message, downloads and a JSON API. */
import express, { type Request, type Response } from 'express';
import type { CaughtMail, Mailbox } from './mailbox';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and (double-quoted) attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatDate(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** JSON view of a message: everything but the bytes, with links to them. */
export function summary(mail: CaughtMail) {
  const { raw, attachments, ...rest } = mail;
  return {
    ...rest,
    size: raw.length,
    url: `/messages/${mail.id}`,
    attachments: attachments.map(({ content: _content, ...a }, n) => ({ ...a, url: `/messages/${mail.id}/attachments/${n}` })),
  };
}

const STYLE = `
  :root { color-scheme: light; font: 15px/1.45 system-ui, sans-serif; color: #1b1f24; background: #f6f7f9; }
  body { margin: 0; }
  header { background: #1d4e89; color: #fff; padding: .75rem 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
  header a, header button { color: #fff; }
  main { padding: 1rem; max-width: 70rem; margin: 0 auto; }
  table { width: 100%; border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid #dde1e6; vertical-align: top; }
  th { background: #eef1f5; font-weight: 600; }
  a { color: #1d4e89; }
  .empty { color: #4a5360; padding: 2rem 0; }
  .att { display: inline-block; margin: 0 .4rem .2rem 0; padding: 0 .4rem; background: #eef1f5; border-radius: .25rem; font-size: .85rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; background: #fff; padding: 1rem; margin: 0 0 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; background: #fff; padding: 1rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 32rem; border: 1px solid #dde1e6; background: #fff; }
  h2 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  button { font: inherit; background: transparent; border: 1px solid currentColor; border-radius: .25rem; padding: .15rem .6rem; cursor: pointer; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1><a href="/">Satchel mail catcher</a></h1>
  <form method="post" action="/clear"><button type="submit">Delete all</button></form>
</header>
<main>
${body}
</main>
</body>
</html>`;
}

function attachmentLinks(mail: CaughtMail): string {
  return mail.attachments.map((a, n) => `<a class="att" href="/messages/${mail.id}/attachments/${n}">${escapeHtml(a.filename)}</a>`).join('');
}

function listPage(mails: CaughtMail[]): string {
  if (mails.length === 0) return page('Mail catcher', '<p class="empty">No messages caught yet.</p>');
  const rows = [...mails]
    .reverse()
    .map(
      (m) => `<tr>
  <td><a href="/messages/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td>
  <td>${escapeHtml(m.from)}</td>
  <td>${escapeHtml(m.to.join(', '))}</td>
  <td><time datetime="${escapeHtml(m.date)}">${escapeHtml(formatDate(m.date))}</time></td>
  <td>${attachmentLinks(m)}</td>
</tr>`,
    )
    .join('\n');
  return page(
    `Mail catcher (${mails.length})`,
    `<table>
<caption class="sr">${mails.length} message${mails.length === 1 ? '' : 's'}, newest first</caption>
<thead><tr><th scope="col">Subject</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Date</th><th scope="col">Attachments</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  );
}

function messagePage(m: CaughtMail): string {
  const field = (name: string, value: string) => (value ? `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>` : '');
  const attachments = m.attachments.length
    ? `<dt>Attachments</dt><dd>${m.attachments
        .map(
          (a, n) =>
            `<a class="att" href="/messages/${m.id}/attachments/${n}">${escapeHtml(a.filename)}</a> ${escapeHtml(a.contentType)}, ${formatBytes(a.size)}`,
        )
        .join('<br>')}</dd>`
    : '';
  // The HTML body goes into a sandboxed iframe (no scripts, no same-origin) as an escaped srcdoc.
  const html = m.html
    ? `<h2>HTML</h2><iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" srcdoc="${escapeHtml(
        `<base target="_blank">${m.html}`,
      )}"></iframe>`
    : '';
  const text = m.text ? `<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>` : '';
  return page(
    m.subject || '(no subject)',
    `<h2>${escapeHtml(m.subject || '(no subject)')}</h2>
<dl>
${field('From', m.from)}
${field('To', m.to.join(', '))}
${field('Cc', m.cc.join(', '))}
${field('Envelope to', m.envelope.to.join(', '))}
${field('Date', formatDate(m.date))}
${field('Message-ID', m.messageId ?? '')}
${attachments}
<dt>Source</dt><dd><a href="/messages/${m.id}/raw">download .eml</a> (${formatBytes(m.raw.length)})</dd>
</dl>
${html}
${text}`,
  );
}

export function createWebApp(mailbox: Mailbox): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set({
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    next();
  });

  const find = (req: Request, res: Response): CaughtMail | undefined => {
    const mail = mailbox.get(String(req.params.id));
    if (!mail) res.status(404).type('text/plain').send('No such message');
    return mail;
  };

  app.get('/', (_req, res) => {
    res.type('html').send(listPage(mailbox.list()));
  });

  app.get('/messages/:id', (req, res) => {
    const mail = find(req, res);
    if (mail) res.type('html').send(messagePage(mail));
  });

  app.get('/messages/:id/raw', (req, res) => {
    const mail = find(req, res);
    if (mail) res.type('message/rfc822').attachment(`message-${mail.id}.eml`).send(mail.raw);
  });

  app.get('/messages/:id/attachments/:n', (req, res) => {
    const mail = find(req, res);
    if (!mail) return;
    const attachment = /^\d+$/.test(req.params.n as string) ? mail.attachments[Number(req.params.n)] : undefined;
    if (!attachment) {
      res.status(404).type('text/plain').send('No such attachment');
      return;
    }
    // Always a download, never rendered in this origin.
    res
      .type(attachment.contentType || 'application/octet-stream')
      .attachment(attachment.filename)
      .send(attachment.content);
  });

  app.get('/api/messages', (_req, res) => {
    res.json({ messages: mailbox.list().reverse().map(summary) });
  });

  app.get('/api/messages/:id', (req, res) => {
    const mail = mailbox.get(String(req.params.id));
    if (!mail) res.status(404).json({ error: { message: 'No such message' } });
    else res.json({ message: summary(mail) });
  });

  app.delete('/api/messages', (_req, res) => {
    mailbox.clear();
    res.status(204).end();
  });

  app.post('/clear', (_req, res) => {
    mailbox.clear();
    res.redirect(303, '/');
  });

  return app;
}
