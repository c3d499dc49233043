/** The demo order's quantities pass the order rules: at least the item's minimum, in whole packs. */
import { quantityFor } from './sample-order';

describe('quantityFor', () => {
  it('keeps the wanted quantity of an item without rules', () => {
    expect(quantityFor({}, 2)).toBe(2);
  });
  it("raises it to the item's minimum and rounds it up to whole packs", () => {
    expect(quantityFor({ custom_fields: [{ api_name: 'cf_min_order_qty', value: 5 }] }, 1)).toBe(5);
    expect(quantityFor({ custom_fields: [{ api_name: 'cf_pack_size', value: 12 }] }, 2)).toBe(12);
    expect(quantityFor({ cf_min_order_qty: '13', cf_pack_size: '12' }, 1)).toBe(24);
  });
});
