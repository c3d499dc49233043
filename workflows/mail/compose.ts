/**
 * The order email's subject and body, from the editable templates in templates/mail/ (or
 * MAIL_TEMPLATES_DIR). Read on every send: support can change the wording without a deploy.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { DocumentKind } from '../../domain';

export const DEFAULT_MAIL_TEMPLATES = path.resolve(__dirname, '../../templates/mail');

export interface MailFields {
  kind: DocumentKind;
  number: string;
  customer: string;
  total: string;
  deliveryDate?: string;
  reference?: string;
  repName?: string;
  company: string;
  confirmed: boolean;
  /** A revision sent after the first (1, 2, …): the subject and text say it replaces the earlier one. */
  revision?: number;
}

const hbs = Handlebars.create();

export function composeMail(fields: MailFields, dir = DEFAULT_MAIL_TEMPLATES): { subject: string; text: string } {
  const read = (part: 'subject' | 'text') => fs.readFileSync(path.join(dir, `${fields.kind}.${part}.hbs`), 'utf8');
  // Plain text: no HTML escaping of names such as "Smith & Sons".
  const render = (source: string) => hbs.compile(source, { noEscape: true })(fields);
  return { subject: render(read('subject')).replace(/\s+/g, ' ').trim(), text: render(read('text')) };
}
