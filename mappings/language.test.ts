/** The mapping language: each kind of source, the bounded expressions, custom fields, every refusal at save, the diff. */
import {
  applyMapping,
  defaultMapping,
  diffMappings,
  SAMPLE_CONTEXT,
  SAMPLE_ORDER,
  validateMapping,
  type FieldRow,
  type FieldSource,
  type Mapping,
  type OrganizationCustomField,
} from '.';

const ORG_FIELDS: OrganizationCustomField[] = [
  { customfield_id: '466000000000001', api_name: 'cf_payment_method', label: 'Payment method', data_type: 'dropdown' },
  { customfield_id: '466000000000002', api_name: 'cf_delivery_slot', label: 'Delivery slot', data_type: 'string' },
  { customfield_id: '466000000000009', api_name: 'cf_retired', label: 'Retired', is_active: false },
];

/** The row index an added row gets: after the default mapping's own rows. */
const ADDED = `fields[${defaultMapping('inventory.salesorder').fields.length}]`;
const ADDED_SECOND = `fields[${defaultMapping('inventory.salesorder').fields.length + 1}]`;

function withRows(rows: FieldRow[], base: Mapping = defaultMapping('inventory.salesorder')): Mapping {
  return { ...base, fields: [...base.fields, ...rows] };
}

async function valueOf(source: FieldSource, order = SAMPLE_ORDER, required = false): Promise<{ value: unknown; problems: string[] }> {
  const { payload, problems } = await applyMapping(withRows([{ zoho: 'terms', source, required }]), order, SAMPLE_CONTEXT);
  return { value: payload.terms, problems: problems.map((p) => `${p.row} ${p.zohoField}: ${p.message}`) };
}

describe('sources', () => {
  it('path: reads nested values of the source view, never a prototype', async () => {
    expect((await valueOf({ path: 'customer.name' })).value).toBe('Sample Customer Ltd');
    expect((await valueOf({ path: 'lines.1.name' })).value).toBe('Gadget');
    expect((await valueOf({ path: 'customer.constructor' })).value).toBeUndefined();
    expect((await valueOf({ path: '__proto__.toString' })).value).toBeUndefined();
  });

  it('value: a fixed value', async () => {
    expect((await valueOf({ value: 'Net 30' })).value).toBe('Net 30');
    expect((await valueOf({ value: 0 })).value).toBe(0);
  });

  it('template: Handlebars over the view; a missing field leaves an optional row out and fails a required one', async () => {
    expect((await valueOf({ template: 'PO {{reference}} for {{customer.name}}, {{#each lines}}{{name}} ×{{quantity}} {{/each}}' })).value).toBe(
      'PO PO-1234 for Sample Customer Ltd, Widget ×2 Gadget ×1 ',
    );
    expect((await valueOf({ template: '<b>{{customer.name}}</b> & co' })).value).toBe('<b>Sample Customer Ltd</b> & co'); // plain text, not HTML-escaped
    const noRef = { ...SAMPLE_ORDER, reference: undefined };
    expect(await valueOf({ template: 'PO {{reference}}' }, noRef)).toEqual({ value: undefined, problems: [] });
    expect((await valueOf({ template: 'PO {{reference}}' }, noRef, true)).problems).toEqual([`${ADDED} terms: terms is required but its source is empty`]);
    // An optional value is handled inside the template with #if, which strict mode allows.
    expect((await valueOf({ template: '{{#if reference}}PO {{reference}}{{else}}no PO{{/if}}' }, noRef)).value).toBe('no PO');
  });

  it('template: no way into prototypes', async () => {
    const { value } = await valueOf({ template: '[{{customer.constructor}}][{{lookup customer "__proto__"}}]' });
    expect(value === undefined || !/function|Object/.test(String(value))).toBe(true);
  });

  it('lookup: a table from the order value, with a default; no default and no hit leaves the field out', async () => {
    const table = { card: 'Card', cash: 'Cash' };
    expect((await valueOf({ lookup: { path: 'paymentMethod', table } })).value).toBe('Card');
    expect((await valueOf({ lookup: { path: 'paymentMethod', table } }, { ...SAMPLE_ORDER, paymentMethod: 'cheque' })).value).toBeUndefined();
    expect((await valueOf({ lookup: { path: 'paymentMethod', table, default: 'On account' } }, { ...SAMPLE_ORDER, paymentMethod: undefined })).value).toBe(
      'On account',
    );
    expect(
      (await valueOf({ lookup: { path: 'paymentMethod', table: { toString: 'x' } } }, { ...SAMPLE_ORDER, paymentMethod: 'constructor' })).value,
    ).toBeUndefined();
  });

  it('expression: JSONata over the view', async () => {
    expect((await valueOf({ expression: '$sum(lines.quantity)' })).value).toBe(3);
    expect((await valueOf({ expression: 'paymentMethod = "card" ? "Paid by card" : "Due"' })).value).toBe('Paid by card');
    expect((await valueOf({ expression: '$join(lines.sku, "+")' })).value).toBe('SKU-1+SKU-2');
  });
});

describe('bounded expressions', () => {
  it('stops endless recursion as a row problem, quickly', async () => {
    const started = Date.now();
    const { value, problems } = await valueOf({ expression: '($f := function($x){ $f($x) + 1 }; $f(1))' });
    expect(value).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${ADDED.replace(/[[\]]/g, '\\$&')} terms: expression failed: (too deep|took longer)`));
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops an endless tail-recursive loop by the clock', async () => {
    const started = Date.now();
    const { problems } = await valueOf({ expression: '($loop := function($n){ $loop($n + 1) }; $loop(0))' });
    expect(problems[0]).toMatch(/expression failed: (took longer than 250 ms|too deep)/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses huge ranges and huge results', async () => {
    expect((await valueOf({ expression: '$count([1..10000000])' })).problems[0]).toMatch(/ranges must have literal bounds/);
    expect((await valueOf({ expression: '$pad("", 30000, "x")' })).problems[0]).toMatch(/expression produced \d+ characters, more than 20000/);
  });

  it('is a row problem, not a crash, when the expression fails at run time', async () => {
    expect((await valueOf({ expression: '$number("abc") + $undefinedFunction()' })).problems[0]).toMatch(
      new RegExp(`^${ADDED.replace(/[[\]]/g, '\\$&')} terms: expression failed`),
    );
  });
});

describe('custom fields', () => {
  it('go to custom_fields by api_name or customfield_id', async () => {
    const mapping = withRows([
      { customField: { api_name: 'cf_payment_method' }, source: { lookup: { path: 'paymentMethod', table: { card: 'Card' } } } },
      { customField: { customfield_id: '466000000000002' }, source: { template: 'before {{deliveryDate}}' } },
    ]);
    const { payload, problems } = await applyMapping(mapping, SAMPLE_ORDER, SAMPLE_CONTEXT);
    expect(problems).toEqual([]);
    expect(payload.custom_fields).toEqual([
      { api_name: 'cf_payment_method', value: 'Card' },
      { customfield_id: '466000000000002', value: 'before 2026-12-01' },
    ]);
    expect((await validateMapping(mapping, { customFields: ORG_FIELDS })).problems).toEqual([]);
  });
});

describe('refused at save, with the row and the reason', () => {
  const problemsOf = async (mapping: unknown, customFields: OrganizationCustomField[] | 'unavailable' = ORG_FIELDS) =>
    (await validateMapping(mapping, { customFields: customFields === 'unavailable' ? undefined : customFields })).problems.map((p) => ({
      row: p.row,
      zohoField: p.zohoField,
      message: p.message,
    }));

  it('a schema error names the row', async () => {
    const bad = {
      ...defaultMapping('inventory.salesorder'),
      fields: [...defaultMapping('inventory.salesorder').fields, { zoho: 'notes', source: { sql: 'x' } }],
    };
    const [problem, ...rest] = await problemsOf(bad);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ row: ADDED, zohoField: 'notes' });
    expect(await problemsOf({ target: 'nowhere', fields: [] })).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 'target' }), expect.objectContaining({ row: 'fields' })]),
    );
  });

  it('a JSONata expression that does not compile', async () => {
    expect(await problemsOf(withRows([{ zoho: 'terms', source: { expression: 'lines[.quantity > ' } }]))).toEqual([
      { row: ADDED, zohoField: 'terms', message: expect.stringMatching(/^expression does not compile: /) },
    ]);
  });

  it('a template that does not compile, or calls an unknown helper', async () => {
    expect(await problemsOf(withRows([{ zoho: 'terms', source: { template: 'PO {{#if reference}}{{reference}}' } }]))).toEqual([
      { row: ADDED, zohoField: 'terms', message: expect.stringMatching(/^template does not compile: /) },
    ]);
    expect((await problemsOf(withRows([{ zoho: 'terms', source: { template: '{{shout reference}}' } }])))[0]?.message).toMatch(/template does not compile/);
  });

  it('a Zoho field the target does not have, on the document or on its lines', async () => {
    const base = defaultMapping('inventory.salesorder');
    const mapping = {
      ...withRows([{ zoho: 'favourite_colour', source: { value: 'blue' } }]),
      lineFields: [...base.lineFields, { zoho: 'serial_numbers', source: { path: 'sku' } }],
    };
    expect(await problemsOf(mapping)).toEqual([
      { row: ADDED, zohoField: 'favourite_colour', message: 'inventory.salesorder has no field favourite_colour' },
      { row: `lineFields[${base.lineFields.length}]`, zohoField: 'serial_numbers', message: 'inventory.salesorder has no line item field serial_numbers' },
    ]);
  });

  it('a custom field the organization does not have, or has retired; or when Zoho cannot say', async () => {
    const mapping = withRows([
      { customField: { api_name: 'cf_nope' }, source: { value: 'x' } },
      { customField: { api_name: 'cf_retired' }, source: { value: 'x' } },
    ]);
    expect(await problemsOf(mapping)).toEqual([
      { row: ADDED, zohoField: 'custom_fields.cf_nope', message: 'the organization has no salesorder custom field cf_nope' },
      { row: ADDED_SECOND, zohoField: 'custom_fields.cf_retired', message: 'custom field Retired is inactive in Zoho' },
    ]);
    expect((await problemsOf(mapping, 'unavailable'))[0]?.message).toMatch(/could not be read from Zoho/);
  });

  it('two rows filling the same field', async () => {
    expect(await problemsOf(withRows([{ zoho: 'notes', source: { value: 'again' } }]))).toEqual([
      { row: ADDED, zohoField: 'notes', message: 'fields[5] already fills notes' },
    ]);
  });

  it('an output for the sample order that misses a required field of the target', async () => {
    const base = defaultMapping('inventory.salesorder');
    const noCustomer = { ...base, fields: base.fields.filter((f) => !('zoho' in f) || f.zoho !== 'customer_id') };
    expect(await problemsOf(noCustomer)).toEqual([
      { row: '(no row)', zohoField: 'customer_id', message: 'customer_id is required by Zoho and no row fills it' },
    ]);

    const emptyCustomer = {
      ...base,
      fields: base.fields.map((f) => ('zoho' in f && f.zoho === 'customer_id' ? { zoho: 'customer_id', source: { path: 'customer.nothing' } } : f)),
    };
    expect(await problemsOf(emptyCustomer)).toEqual([
      { row: 'fields[0]', zohoField: 'customer_id', message: 'customer_id is required by Zoho but this row gives it no value for the sample' },
    ]);

    const noQuantity = { ...base, lineFields: base.lineFields.filter((f) => f.zoho !== 'quantity') };
    expect(await problemsOf(noQuantity)).toEqual([
      { row: '(no row)', zohoField: 'quantity', message: 'quantity is required on every line and no row fills it' },
    ]);
  });

  it('a row marked required whose source is empty for the sample', async () => {
    expect(await problemsOf(withRows([{ zoho: 'terms', source: { path: 'customer.missing' }, required: true }]))).toEqual([
      { row: ADDED, zohoField: 'terms', message: 'terms is required but its source is empty' },
    ]);
  });
});

describe('diff', () => {
  it('names added, removed and changed rows, and changed settings; moving a row is no change', () => {
    const before = defaultMapping('inventory.salesorder');
    const after: Mapping = {
      ...before,
      status: 'confirmed',
      fields: [
        ...before.fields.filter((f) => !('zoho' in f) || f.zoho !== 'notes').reverse(),
        { customField: { api_name: 'cf_payment_method' }, source: { value: 'Card' } },
      ].map((f) => ('zoho' in f && f.zoho === 'reference_number' ? { ...f, source: { template: 'PO {{reference}}' } } : f)),
    };
    const diff = diffMappings(before, after);
    expect(diff.settings).toEqual([{ setting: 'status', from: 'draft', to: 'confirmed' }]);
    expect(diff.rows.map((r) => `${r.change} ${r.list} ${r.zohoField}`).sort()).toEqual([
      'added fields custom_fields.cf_payment_method',
      'changed fields reference_number',
      'removed fields notes',
    ]);
  });
});
