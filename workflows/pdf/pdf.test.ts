import { documentNumber, OrderSchema } from '../../domain';
import { sampleOrder } from '../../test/support/orders';
import { documentView } from './view';
import { renderDocumentHtml } from './template';
import { PdfPrinter } from './printer';

const order = OrderSchema.parse(
  sampleOrder({
    customer: { zohoContactId: '1', name: 'Smith & <b>Sons</b>' },
    fees: [{ name: 'Delivery', amount: 500 }],
    lines: [
      { itemId: 'a', name: 'Widget', quantity: 2, unitPrice: 1250, taxPercent: 10 },
      { itemId: 'b', name: 'Gadget', quantity: 1, unitPrice: 1000, taxPercent: 10, discountPercent: 50 },
      { itemId: 'c', name: 'Book', quantity: 1, unitPrice: 999, taxPercent: 5 },
    ],
  }),
);
const number = documentNumber('order', order.id);

describe('PDF view', () => {
  it('formats lines, one tax row per rate, fees and the total', () => {
    const view = documentView(order, { number, company: { name: 'Co' }, rep: { name: 'Rep', email: 'r@x' } });
    expect(view.title).toBe('Sales order');
    expect(view.lines.map((l) => l.net)).toEqual(['$25.00', '$5.00', '$9.99']);
    expect(view.taxes).toEqual([
      { label: 'Tax 5%', amount: '$0.50' },
      { label: 'Tax 10%', amount: '$3.00' },
    ]);
    expect(view.discount).toBeUndefined();
    expect(view.fees).toEqual([{ name: 'Delivery', amount: '$5.00' }]);
    // 39.99 net + 3.50 tax + 5.00 fee
    expect(view.totals.gross).toBe('$48.49');
    expect(documentView({ ...order, kind: 'quote' }, { number, company: { name: 'Co' } }).title).toBe('Quote');
  });

  it('prices that include their tax: the lines and the subtotal hold it, the rows say "included", the total adds nothing', () => {
    const inclusive = OrderSchema.parse({ ...order, taxInclusive: true, paymentTerms: 30, paymentTermsLabel: 'Net 30' });
    const view = documentView(inclusive, { number, company: { name: 'Co' } });
    expect(view.lines.map((l) => l.net)).toEqual(['$25.00', '$5.00', '$9.99']);
    // 25.00 and 5.00 at 10 % hold 2.27 and 0.45; 9.99 at 5 % holds 0.48.
    expect(view.taxes).toEqual([
      { label: 'Tax 5% (included)', amount: '$0.48' },
      { label: 'Tax 10% (included)', amount: '$2.72' },
    ]);
    expect(view.totals).toMatchObject({ net: '$39.99', gross: '$44.99' });
    expect(view.paymentTerms).toBe('Net 30');
    expect(renderDocumentHtml(view)).toContain('Net 30');
  });

  it('tax rounded per document as the organization says: each rate rounded once', () => {
    const lines = [1, 2, 3].map((n) => ({ itemId: `x${n}`, name: `X${n}`, quantity: 1, unitPrice: 12345, taxPercent: 10 }));
    const byLine = documentView(OrderSchema.parse({ ...order, fees: [], lines }), { number, company: { name: 'Co' } });
    const byDocument = documentView(OrderSchema.parse({ ...order, fees: [], lines, taxRounding: 'document' }), { number, company: { name: 'Co' } });
    expect([byLine.taxes[0]!.amount, byLine.totals.gross]).toEqual(['$37.05', '$407.40']);
    expect([byDocument.taxes[0]!.amount, byDocument.totals.gross]).toEqual(['$37.04', '$407.39']);
  });

  it('shows an order discount and the taxes it leaves, adding up to the total', () => {
    const discounted = OrderSchema.parse({ ...order, discount: { percent: 10 } });
    const view = documentView(discounted, { number, company: { name: 'Co' } });
    // 39.99 net; 10 % off is 4.00; tax on what is left: 10 % of 27.00 is 2.70, 5 % of 8.99 is 0.45.
    expect(view.discount).toEqual({ label: 'Discount 10%', amount: '−$4.00' });
    expect(view.taxes).toEqual([
      { label: 'Tax 5%', amount: '$0.45' },
      { label: 'Tax 10%', amount: '$2.70' },
    ]);
    expect(view.totals.gross).toBe('$44.14');
    const html = renderDocumentHtml(view);
    expect(html).toContain('Discount 10%');
  });

  it('names the order’s own sales rep, with the signed-in rep’s email only when it is the same person', () => {
    const ctx = { number, company: { name: 'Co' }, rep: { name: 'Rep One', email: 'one@x' } };
    expect(documentView({ ...order, salesRep: 'Colleague Two' }, ctx).rep).toEqual({ name: 'Colleague Two' });
    expect(documentView({ ...order, salesRep: 'Rep One' }, ctx).rep).toEqual({ name: 'Rep One', email: 'one@x' });
    expect(documentView(order, ctx).rep).toEqual({ name: 'Rep One', email: 'one@x' });
  });

  it('escapes what the rep typed', () => {
    const html = renderDocumentHtml(documentView(order, { number, company: { name: 'Co' } }));
    expect(html).toContain('Smith &amp; &lt;b&gt;Sons&lt;/b&gt;');
    expect(html).not.toContain('<b>Sons</b>');
  });
});

describe('PDF printer', () => {
  jest.setTimeout(60_000);
  const printer = new PdfPrinter({ maxConcurrent: 2 });
  afterAll(() => printer.close());

  it('prints PDFs from one browser, never more at once than allowed', async () => {
    const html = renderDocumentHtml(documentView(order, { number, company: { name: 'Co' } }));
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, printer.load.active)), 5);
    try {
      const pdfs = await Promise.all(Array.from({ length: 5 }, () => printer.print(html)));
      for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      clearInterval(watch);
    }
    expect(peak).toBe(2);
    expect(printer.load).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses to print once closed, instead of launching a browser nobody will close', async () => {
    const late = new PdfPrinter();
    await late.print('<p>first</p>');
    await late.close();
    await expect(late.print('<p>after shutdown</p>')).rejects.toThrow(/printer is closed/);
    expect(late.load).toEqual({ active: 0, waiting: 0 });
  });
});
