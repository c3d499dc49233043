import { OrderSchema, orderTotals } from '.';
import { sampleOrder } from '../test/support/orders';

describe('what an order carries onto its PDF', () => {
  it('adds untaxed fees to the total', () => {
    const order = OrderSchema.parse(
      sampleOrder({
        fees: [
          { name: 'Delivery', amount: 500 },
          { name: 'Small order', amount: 150 },
        ],
      }),
    );
    const t = orderTotals(order);
    expect(t.fees.amount).toBe(650);
    expect(t.gross.amount).toBe(t.net.amount + t.tax.amount + 650);
  });

  it('accepts a PNG or JPEG signature as a data URL, and nothing else', () => {
    expect(OrderSchema.safeParse(sampleOrder({ signature: 'data:image/png;base64,iVBORw0KGgo=' })).success).toBe(true);
    const bad = OrderSchema.safeParse(sampleOrder({ signature: 'https://evil.example/x.png' }));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['signature']);
  });
});
