import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeMail, type MailFields } from './compose';

const fields: MailFields = { kind: 'order', number: 'SO-1', customer: 'Smith & Sons', total: '$10.00', company: 'Co', confirmed: true, repName: 'Ann' };

describe('order email', () => {
  it('fills the shipped templates without HTML-escaping plain text', () => {
    const mail = composeMail(fields);
    expect(mail.subject).toBe('Sales order SO-1 for Smith & Sons ($10.00)');
    expect(mail.text).toContain('Hello Ann,');
    expect(mail.text).toContain('is in Zoho and confirmed');
    expect(composeMail({ ...fields, kind: 'quote' }).subject).toMatch(/^Quote SO-1/);
  });

  it('reads edited templates from another folder at every send', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-'));
    fs.writeFileSync(path.join(dir, 'order.subject.hbs'), 'Bestellung {{number}}\n');
    fs.writeFileSync(path.join(dir, 'order.text.hbs'), 'Summe {{total}}');
    expect(composeMail(fields, dir)).toEqual({ subject: 'Bestellung SO-1', text: 'Summe $10.00' });
    fs.writeFileSync(path.join(dir, 'order.subject.hbs'), 'Auftrag {{number}}');
    expect(composeMail(fields, dir).subject).toBe('Auftrag SO-1');
  });
});
