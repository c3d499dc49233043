/** Order and quote PDFs: a view of the order, a Handlebars template, and a shared-browser printer. */
export { documentView, type DocumentView, type DocumentViewContext } from './view';
export { renderDocumentHtml, PDF_TEMPLATE } from './template';
export { PdfPrinter, printWithOwnBrowser, printInFreshContext, chromiumPath, type PrinterOptions } from './printer';
export { findBrowser, NoBrowserError, CHROMIUM_CANDIDATES, type BrowserLookup } from './browser';
