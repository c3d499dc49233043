import { loadConfig } from '../../config';
import { cursorAfter, nextCursor, zohoSecondBefore, zohoTimeMs, type PagerCursor } from './sync';
import { repOf } from './zoho-records';

const start: PagerCursor = { page: 1, seen: [], mode: 'keyset' };

describe('keyset paging over last_modified_time', () => {
  it('reads Zoho timestamps with any offset style', () => {
    expect(zohoTimeMs('2026-06-11T17:38:06-0700')).toBe(Date.UTC(2026, 5, 12, 0, 38, 6));
    expect(zohoTimeMs('2026-06-11T17:38:06+05:30')).toBe(Date.UTC(2026, 5, 11, 12, 8, 6));
    expect(zohoTimeMs('2026-06-11T17:38:06Z')).toBe(Date.UTC(2026, 5, 11, 17, 38, 6));
    expect(zohoTimeMs(undefined)).toBeNaN();
  });

  it('writes the second before a Zoho time in the same offset and style', () => {
    expect(zohoSecondBefore('2026-06-11T17:38:06-0700')).toBe('2026-06-11T17:38:05-0700');
    expect(zohoSecondBefore('2026-01-01T00:00:00+05:30')).toBe('2025-12-31T23:59:59+05:30');
    expect(zohoSecondBefore('2026-01-01T00:00:00Z')).toBe('2025-12-31T23:59:59Z');
    expect(zohoTimeMs(zohoSecondBefore('2026-03-01T00:00:00+0000'))).toBe(Date.UTC(2026, 1, 28, 23, 59, 59));
  });

  it('asks next for "changed after the second before the newest seen" (right whether Zoho reads the filter as after or at-or-after), remembering what it saw from then', () => {
    const rows = [
      { id: 'a', modified: '2026-01-01T00:00:00+0000' },
      { id: 'b', modified: '2026-01-01T00:00:59+0000' },
      { id: 'c', modified: '2026-01-01T00:01:00+0000' },
      { id: 'd', modified: '2026-01-01T00:01:00+0000' },
    ];
    const at = (id: string, t: string) => `${id}@${zohoTimeMs(t)}`;
    expect(nextCursor(start, rows, true)).toEqual({
      since: '2026-01-01T00:00:59+0000',
      sinceMs: Date.UTC(2026, 0, 1, 0, 0, 59),
      page: 1,
      seen: [at('b', '2026-01-01T00:00:59+0000'), at('c', '2026-01-01T00:01:00+0000'), at('d', '2026-01-01T00:01:00+0000')],
      mode: 'keyset',
    });
    expect(nextCursor(start, rows, false)).toBeNull();
  });

  it('pages on when a page gets no further than the second after the filter, instead of asking for the same page again', () => {
    const since = '2026-01-01T00:00:59+0000';
    const t = '2026-01-01T00:01:00+0000';
    const at = { since, sinceMs: Date.UTC(2026, 0, 1, 0, 0, 59), page: 1, seen: ['b@1'], mode: 'keyset' as const };
    const next = nextCursor(
      at,
      [
        { id: 'c', modified: t },
        { id: 'd', modified: t },
      ],
      true,
    );
    expect(next).toEqual({ ...at, page: 2, seen: ['b@1', `c@${zohoTimeMs(t)}`, `d@${zohoTimeMs(t)}`] });
  });

  it('starts an incremental sweep one second before the last sweep reached', () => {
    expect(cursorAfter({ since: '2026-01-01T10:00:00+0100', sinceMs: zohoTimeMs('2026-01-01T10:00:00+0100') })).toEqual({
      since: '2026-01-01T09:59:59+0100',
      sinceMs: zohoTimeMs('2026-01-01T09:59:59+0100'),
      page: 1,
      seen: [],
      mode: 'keyset',
    });
  });

  it('falls back to page numbers where Zoho cannot filter by time (Books items)', () => {
    expect(nextCursor({ page: 3, seen: [], mode: 'pages' }, [{ id: 'x', modified: '2026-01-01T00:00:00+0000' }], true)).toEqual({
      page: 4,
      seen: [],
      mode: 'pages',
    });
  });
});

describe('rep assignment from a contact custom field', () => {
  it('reads the cf_ key of list entries and the custom_fields of a contact, in lower case', () => {
    expect(repOf({ cf_sales_rep: 'Anna@X' }, 'cf_sales_rep')).toBe('anna@x');
    expect(repOf({ custom_fields: [{ api_name: 'cf_sales_rep', value: 'Ben@X ' }] }, 'cf_sales_rep')).toBe('ben@x');
    expect(repOf({ custom_fields: [{ label: 'cf_sales_rep', value: '' }] }, 'cf_sales_rep')).toBe('');
    expect(repOf({ custom_fields: [] }, 'cf_sales_rep')).toBe(''); // assigned to nobody
    expect(repOf({ contact_name: 'x' }, 'cf_sales_rep')).toBeUndefined(); // this answer does not say
  });
});

describe('catalogue configuration', () => {
  it('reads durations and defaults to a 5-minute schedule with a daily full pass', () => {
    expect(loadConfig({}).catalogue).toEqual({
      intervalMs: 300_000,
      fullEveryMs: 86_400_000,
      callsPerMinute: 40,
      contactDetailsPerRun: 50,
      repField: undefined,
      itemQuantityFields: { minimumQuantity: 'cf_min_order_qty', packSize: 'cf_pack_size' },
      onHoldField: undefined,
      orderTerms: { taxInclusive: false, taxRounding: 'line', paymentMethods: ['Cash', 'Card', 'Bank transfer', 'On account'] },
      paymentMethodField: undefined,
    });
    expect(
      loadConfig({
        ZOHO_PRICES_INCLUDE_TAX: 'true',
        ZOHO_TAX_ROUNDING: 'document',
        PAYMENT_METHODS: ' Cash , Card,,Cash ',
        CATALOGUE_ON_HOLD_FIELD: 'cf_on_hold',
        ORDER_PAYMENT_METHOD_FIELD: 'cf_payment_method',
      }).catalogue,
    ).toMatchObject({
      onHoldField: 'cf_on_hold',
      orderTerms: { taxInclusive: true, taxRounding: 'document', paymentMethods: ['Cash', 'Card'] },
      paymentMethodField: 'cf_payment_method',
    });
    expect(() => loadConfig({ ZOHO_TAX_ROUNDING: 'invoice' })).toThrow(/ZOHO_TAX_ROUNDING/);
    expect(() => loadConfig({ CATALOGUE_ON_HOLD_FIELD: 'on hold' })).toThrow(/CATALOGUE_ON_HOLD_FIELD/);
    expect(loadConfig({ CATALOGUE_MINIMUM_QUANTITY_FIELD: 'cf_moq', CATALOGUE_PACK_SIZE_FIELD: 'cf_case' }).catalogue.itemQuantityFields).toEqual({
      minimumQuantity: 'cf_moq',
      packSize: 'cf_case',
    });
    expect(loadConfig({ CATALOGUE_SYNC_INTERVAL: '90s', CATALOGUE_REP_FIELD: 'cf_rep' }).catalogue).toMatchObject({ intervalMs: 90_000, repField: 'cf_rep' });
    expect(() => loadConfig({ CATALOGUE_SYNC_INTERVAL: 'often' })).toThrow(/CATALOGUE_SYNC_INTERVAL/);
    expect(() => loadConfig({ CATALOGUE_SYNC_INTERVAL: '0m' })).toThrow(/CATALOGUE_SYNC_INTERVAL/);
  });
});
