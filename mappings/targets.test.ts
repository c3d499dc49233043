import { defaultTargets, targetOf, TargetSettingsSchema } from './targets';

describe('document targets', () => {
  it('sends quotes to estimates in Books and to draft sales orders in Inventory', () => {
    expect(targetOf('books', 'quote')).toBe('books.estimate');
    expect(targetOf('inventory', 'quote')).toBe('inventory.salesorder');
    expect(targetOf('books', 'order')).toBe('books.salesorder');
  });

  it('lets Books send quotes as sales orders, but never an Inventory quote to an estimate', () => {
    const base = defaultTargets();
    expect(targetOf('books', 'quote', { ...base, books: { ...base.books, quote: 'books.salesorder' } })).toBe('books.salesorder');
    expect(TargetSettingsSchema.safeParse({ ...base, inventory: { ...base.inventory, quote: 'books.estimate' } }).success).toBe(false);
  });
});
