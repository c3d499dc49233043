import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from './index';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

function transport(catcher: MailCatcher) {
  return nodemailer.createTransport({ host: catcher.host, port: catcher.smtpPort, secure: false });
}

describe('mail catcher', () => {
  let catcher: MailCatcher;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
  });
  afterAll(async () => {
    await catcher?.close();
  });
  beforeEach(() => catcher.clear());

  it('reports the real ports it listens on', () => {
    expect(catcher.smtpPort).toBeGreaterThan(0);
    expect(catcher.webPort).toBeGreaterThan(0);
    expect(catcher.smtpPort).not.toBe(catcher.webPort);
    expect(catcher.webUrl).toBe(`http://127.0.0.1:${catcher.webPort}`);
  });

  it('catches a real SMTP message with its attachment and lists it in the API and the page', async () => {
    const info = await transport(catcher).sendMail({
      from: 'Satchel <orders@satchel.local>',
      to: 'Ada Buyer <ada@example.com>',
      bcc: 'archive@example.com',
      subject: 'Sales order SO-0001 <confirmed> & ready',
      text: 'Thank you for your order.',
      html: '<p>Thank you for your <b>order</b>.</p><script>alert(1)</script>',
      attachments: [{ filename: 'SO-0001.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    expect(info.rejected).toEqual([]);

    const mail = await catcher.waitFor((m) => m.subject.includes('SO-0001'), 5000);
    expect(mail.from).toBe('"Satchel" <orders@satchel.local>');
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mail.envelope.to.sort()).toEqual(['ada@example.com', 'archive@example.com']);
    expect(mail.text?.trim()).toBe('Thank you for your order.');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.content.equals(PDF)).toBe(true);
    expect(catcher.messages()).toHaveLength(1);

    // JSON API
    const api = await fetch(`${catcher.webUrl}/api/messages`);
    expect(api.status).toBe(200);
    const body = (await api.json()) as { messages: Array<{ date: string; attachments: object[] } & Record<string, unknown>> };
    expect(body.messages).toHaveLength(1);
    const listed = body.messages[0]!;
    expect(listed).toMatchObject({
      id: mail.id,
      subject: 'Sales order SO-0001 <confirmed> & ready',
      to: ['ada@example.com'],
      attachments: [{ filename: 'SO-0001.pdf', contentType: 'application/pdf', size: PDF.length }],
    });
    expect(listed).not.toHaveProperty('raw');
    expect(listed.attachments[0]).not.toHaveProperty('content');
    expect(new Date(listed.date).toString()).not.toBe('Invalid Date');

    // HTML list: escaped subject, attachment name, link to the message
    const list = await fetch(`${catcher.webUrl}/`);
    expect(list.headers.get('content-type')).toMatch(/text\/html/);
    const listHtml = await list.text();
    expect(listHtml).toContain('Sales order SO-0001 &lt;confirmed&gt; &amp; ready');
    expect(listHtml).not.toContain('<confirmed>');
    expect(listHtml).toContain('SO-0001.pdf');
    expect(listHtml).toContain(`href="/messages/${mail.id}"`);
    expect(listHtml).toContain('ada@example.com');

    // One message: text escaped, HTML body only inside a sandboxed srcdoc (escaped)
    const one = await (await fetch(`${catcher.webUrl}/messages/${mail.id}`)).text();
    expect(one).toContain('Thank you for your order.');
    expect(one).toMatch(/<iframe[^>]+sandbox="[^"]*"[^>]+srcdoc="[^"]*&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    expect(one).not.toContain('<script>');
    expect(one).toContain('SO-0001.pdf');

    // Attachment download: same bytes, served as a download
    const download = await fetch(`${catcher.webUrl}/messages/${mail.id}/attachments/0`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/application\/pdf/);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="?SO-0001\.pdf"?$/);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    expect((await fetch(`${catcher.webUrl}/messages/${mail.id}/attachments/1`)).status).toBe(404);
    expect((await fetch(`${catcher.webUrl}/messages/999`)).status).toBe(404);
  });

  it('lists newest first and clears through DELETE /api/messages', async () => {
    const t = transport(catcher);
    await t.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'first', text: '1' });
    await t.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'second', text: '2' });

    const body = (await (await fetch(`${catcher.webUrl}/api/messages`)).json()) as { messages: Array<{ subject: string }> };
    expect(body.messages.map((m) => m.subject)).toEqual(['second', 'first']);
    const html = await (await fetch(`${catcher.webUrl}/`)).text();
    expect(html.indexOf('>second<')).toBeGreaterThan(0);
    expect(html.indexOf('>second<')).toBeLessThan(html.indexOf('>first<'));

    const del = await fetch(`${catcher.webUrl}/api/messages`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(catcher.messages()).toEqual([]);
    const after = (await (await fetch(`${catcher.webUrl}/api/messages`)).json()) as { messages: unknown[] };
    expect(after.messages).toEqual([]);
  });

  it('waitFor resolves on a later message and rejects on timeout', async () => {
    const waiting = catcher.waitFor((m) => m.subject === 'later', 5000);
    await transport(catcher).sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'later', text: 'x' });
    await expect(waiting).resolves.toMatchObject({ subject: 'later' });
    await expect(catcher.waitFor((m) => m.subject === 'never', 100)).rejects.toThrow(/no matching message/);
  });

  it('accepts any credentials and refuses a message over the size limit', async () => {
    const small = await startMailCatcher({ maxMessageBytes: 2048 });
    try {
      const t = nodemailer.createTransport({
        host: small.host,
        port: small.smtpPort,
        secure: false,
        auth: { user: 'anyone', pass: 'anything' },
      });
      await t.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'fits', text: 'ok' });
      await expect(t.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'too big', text: 'x'.repeat(10_000) })).rejects.toMatchObject({
        responseCode: 552,
      });
      expect(small.messages().map((m) => m.subject)).toEqual(['fits']);
    } finally {
      await small.close();
    }
  });
});
