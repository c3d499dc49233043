/** The PDF's Handlebars template (templates/pdf/document.hbs), compiled once per process. */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { DocumentView } from './view';

export const PDF_TEMPLATE = path.resolve(__dirname, '../../templates/pdf/document.hbs');

let compiled: { file: string; render: HandlebarsTemplateDelegate<DocumentView> } | undefined;

export function renderDocumentHtml(view: DocumentView, file = PDF_TEMPLATE): string {
  if (compiled?.file !== file) {
    // An isolated Handlebars instance: no helpers or partials leak in from other modules.
    compiled = { file, render: Handlebars.create().compile<DocumentView>(fs.readFileSync(file, 'utf8'), { strict: false }) };
  }
  return compiled.render(view);
}
