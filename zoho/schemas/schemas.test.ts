/**
 * The schemas themselves: they refuse what Zoho's descriptions rule out (a number sent as a string,
 * an undocumented field or filter, an answer without its entity, an error with code 0) and accept
 * both readings where the descriptions are ambiguous. Without these, a schema that accepts
 * everything would let requests.test.ts and answers.test.ts pass on anything.
 */
import { errorAnswer, listAnswer } from './common';
import { booksContactListQuery, contactCreate, contactListQuery, contactPersonWritten } from './contacts';
import { itemAnswer, itemGroupAnswer, itemListQuery } from './items';
import { issueLines } from './issues';
import { priceBook, priceBookCreate } from './pricebooks';
import { requestRowFor } from './requests';
import { booksSalesOrderCreate, inventorySalesOrderCreate, salesOrderWritten } from './salesorders';
import { estimateCreate } from './estimates';
import { tokenAnswer, tokenRequest } from './oauth';

const order = { customer_id: '460000000000001', line_items: [{ item_id: '460000000010001', rate: 12.5, quantity: 2 }] };
const written = { code: 0, message: 'Sales Order has been created.' };
const savedOrder = {
  salesorder_id: '1',
  salesorder_number: 'SO-1',
  status: 'draft',
  customer_id: '2',
  total: 25,
  line_items: [{ line_item_id: '3', rate: 12.5, quantity: 2, item_total: 25 }],
};

describe('requests are strict about what Zoho documents', () => {
  test('a documented order passes; a number sent as a string does not', () => {
    expect(issueLines('body', inventorySalesOrderCreate.safeParse(order).error)).toEqual([]);
    const asString = { ...order, line_items: [{ ...order.line_items[0], quantity: '2' }] };
    expect(issueLines('body', inventorySalesOrderCreate.safeParse(asString).error)).toEqual([
      'body.line_items.0.quantity: Invalid input: expected number, received string',
    ]);
  });

  test('an undocumented field is named; a line discount is a percentage or an amount (both products: see salesorders.ts)', () => {
    expect(issueLines('body', inventorySalesOrderCreate.safeParse({ ...order, colour: 'red' }).error)).toEqual(['body.colour undocumented']);
    const discounted = { ...order, line_items: [{ ...order.line_items[0], discount: '5%' }] };
    expect(inventorySalesOrderCreate.safeParse(discounted).success).toBe(true);
    expect(booksSalesOrderCreate.safeParse(discounted).success).toBe(true);
    expect(inventorySalesOrderCreate.safeParse({ ...order, line_items: [{ ...order.line_items[0], serial_numbers: ['1'] }] }).success).toBe(false);
    expect(booksSalesOrderCreate.safeParse({ ...order, line_items: [{ ...order.line_items[0], discount: 'five' }] }).success).toBe(false);
  });

  test('list queries: documented filters and values only, per_page at most 200', () => {
    expect(contactListQuery.safeParse({ organization_id: '1', contact_name_contains: 'Shop', filter_by: 'Status.Active' }).success).toBe(true);
    expect(issueLines('query', contactListQuery.safeParse({ organization_id: '1', filter_by: 'Status.Sleeping' }).error)).toHaveLength(1);
    // contact_type is Books' filter, not Inventory's; neither list documents sort_order.
    expect(booksContactListQuery.safeParse({ organization_id: '1', contact_type: 'customer', filter_by: 'Status.CreditLimitExceed' }).success).toBe(true);
    expect(issueLines('query', booksContactListQuery.safeParse({ organization_id: '1', contact_type: 'lead' }).error)).toHaveLength(1);
    expect(issueLines('query', contactListQuery.safeParse({ organization_id: '1', contact_type: 'customer' }).error)).toEqual([
      'query.contact_type undocumented',
    ]);
    expect(issueLines('query', booksContactListQuery.safeParse({ organization_id: '1', sort_order: 'A' }).error)).toEqual(['query.sort_order undocumented']);
    expect(issueLines('query', itemListQuery.safeParse({ organization_id: '1', per_page: '500' }).error)).toEqual(['query.per_page: per_page is 1..200']);
    expect(issueLines('query', itemListQuery.safeParse({ organization_id: '1', colour: 'red' }).error)).toEqual(['query.colour undocumented']);
    expect(issueLines('query', itemListQuery.safeParse({ page: '1' }).error)).toEqual([
      'query.organization_id: Invalid input: expected string, received undefined',
    ]);
  });

  test('contacts: contact_name required, customer_sub_type one of Zoho’s', () => {
    expect(contactCreate.safeParse({ company_name: 'x' }).success).toBe(false);
    expect(contactCreate.safeParse({ contact_name: 'x', customer_sub_type: 'company' }).success).toBe(false);
  });

  test('price lists: a volume bracket discount carries its % sign; the type must be given', () => {
    const list = {
      name: 'Trade',
      pricebook_type: 'per_item',
      sales_or_purchase_type: 'sales',
      pricebook_items: [{ item_id: '1', pricing_scheme: 'volume', price_brackets: [{ start_quantity: 10, pricebook_discount: '5%' }] }],
    };
    expect(priceBookCreate.safeParse(list).success).toBe(true);
    expect(
      priceBookCreate.safeParse({ ...list, pricebook_items: [{ item_id: '1', price_brackets: [{ start_quantity: 10, pricebook_discount: '5' }] }] }).success,
    ).toBe(false);
    expect(priceBookCreate.safeParse({ ...list, sales_or_purchase_type: undefined }).success).toBe(false);
  });

  test('the token request: a refresh grant with every part; nothing else', () => {
    expect(tokenRequest.safeParse({ grant_type: 'refresh_token', client_id: 'a', client_secret: 'b', refresh_token: 'c' }).success).toBe(true);
    expect(tokenRequest.safeParse({ grant_type: 'refresh_token', client_id: 'a', refresh_token: 'c' }).success).toBe(false);
  });

  test('every call is matched to its documented row, literal paths first', () => {
    expect(requestRowFor('inventory', 'POST', '/salesorders/status/confirmed')?.path).toBe('/salesorders/status/confirmed');
    expect(requestRowFor('inventory', 'POST', '/salesorders/123/status/confirmed')?.path).toBe('/salesorders/:id/status/confirmed');
    expect(requestRowFor('inventory', 'POST', '/salesorders/123/status/open')).toBeUndefined();
    expect(requestRowFor('books', 'GET', '/locations')).toBeUndefined();
  });
});

describe('what the creates do not describe is not sent', () => {
  // Neither Inventory's sales order create (api-evangelist/zoho-inventory) nor Books' sales order
  // and estimate creates list a tax for the shipping charge or payment terms: taxable fees and
  // payment terms stay on the device and the PDF (README, "The organization's money preferences").
  it.each([
    ['inventory sales order', inventorySalesOrderCreate],
    ['books sales order', booksSalesOrderCreate],
    ['books estimate', estimateCreate],
  ] as const)('%s: shipping_charge and is_inclusive_tax are taken; shipping_charge_tax_id and payment_terms are refused', (_name, schema) => {
    const base = { customer_id: '460000000000001', line_items: [{ item_id: '460000000010001', quantity: 1 }] };
    expect(schema.safeParse({ ...base, shipping_charge: 5, is_inclusive_tax: true }).success).toBe(true);
    for (const extra of [{ shipping_charge_tax_id: '460000000000101' }, { payment_terms: 30 }, { payment_terms_label: 'Net 30' }]) {
      const keys = (schema.safeParse({ ...base, ...extra }).error?.issues ?? []).flatMap((i) => ('keys' in i ? i.keys : []));
      expect(keys).toEqual(Object.keys(extra));
    }
  });
});

describe('answers are loose, but hold the documented types', () => {
  test('a created order under `salesorder` or `sales_order` (both readings), but under one of them', () => {
    expect(salesOrderWritten.safeParse({ ...written, salesorder: savedOrder }).success).toBe(true);
    expect(salesOrderWritten.safeParse({ ...written, sales_order: savedOrder }).success).toBe(true);
    expect(salesOrderWritten.safeParse({ ...written, order: savedOrder }).success).toBe(false);
    expect(salesOrderWritten.safeParse({ ...written, salesorder: { ...savedOrder, total: '25' } }).success).toBe(false);
    expect(salesOrderWritten.safeParse({ ...written, salesorder: { ...savedOrder, status: 'pending' } }).success).toBe(false);
  });

  test('Zoho’s extra fields are fine; a wrong type of a documented one is not', () => {
    const item = { item_id: '1', name: 'Bag', status: 'active', rate: 6, brand_new_field: { x: 1 } };
    expect(itemAnswer.safeParse({ code: 0, message: 'success', item }).success).toBe(true);
    expect(itemAnswer.safeParse({ code: 0, message: 'success', item: { ...item, rate: '6' } }).success).toBe(false);
    // Per-location stock: `string` in the description, numbers in practice: both.
    const stocked = (v: unknown) => ({ code: 0, message: 'success', item: { ...item, locations: [{ location_id: '9', location_stock_on_hand: v }] } });
    expect(itemAnswer.safeParse(stocked(4)).success).toBe(true);
    expect(itemAnswer.safeParse(stocked('4')).success).toBe(true);
    expect(itemAnswer.safeParse(stocked(true)).success).toBe(false);
  });

  test('an item group under `item_group` or flattened at the top level', () => {
    const group = { group_id: '1', group_name: 'Bags', items: [{ item_id: '2', name: 'Bag S' }] };
    expect(itemGroupAnswer.safeParse({ code: 0, message: 'success', item_group: group }).success).toBe(true);
    expect(itemGroupAnswer.safeParse({ code: 0, message: 'success', ...group, items: { item_id: '2', name: 'Bag S' } }).success).toBe(true);
    expect(itemGroupAnswer.safeParse({ code: 0, message: 'success' }).success).toBe(false);
  });

  test('a created contact person as one object or a one-element array', () => {
    const person = { contact_person_id: '5', first_name: 'Pat' };
    expect(contactPersonWritten.safeParse({ code: 0, message: 'ok', contact_person: person }).success).toBe(true);
    expect(contactPersonWritten.safeParse({ code: 0, message: 'ok', contact_person: [person] }).success).toBe(true);
    expect(contactPersonWritten.safeParse({ code: 0, message: 'ok', contact_person: [person, person] }).success).toBe(false);
  });

  test('a list carries page_context; a price list type is one of Zoho’s', () => {
    const lists = listAnswer('pricebooks', priceBook);
    const pb = { pricebook_id: '1', name: 'Trade', pricebook_type: 'per_item' };
    expect(lists.safeParse({ code: 0, message: 'success', pricebooks: [pb], page_context: { page: 1, per_page: 200, has_more_page: false } }).success).toBe(
      true,
    );
    expect(lists.safeParse({ code: 0, message: 'success', pricebooks: [pb] }).success).toBe(false);
    expect(
      lists.safeParse({
        code: 0,
        message: 'success',
        pricebooks: [{ ...pb, pricebook_type: 'volume' }],
        page_context: { page: 1, per_page: 200, has_more_page: false },
      }).success,
    ).toBe(false);
  });

  test('errors: a non-zero code and a message', () => {
    expect(errorAnswer.safeParse({ code: 1002, message: 'Item does not exist.' }).success).toBe(true);
    expect(errorAnswer.safeParse({ code: 0, message: 'success' }).success).toBe(false);
    expect(errorAnswer.safeParse({ code: '1002', message: 'x' }).success).toBe(false);
  });

  test('a token answer needs its token, lifetime and API domain', () => {
    expect(tokenAnswer.safeParse({ access_token: 'a', expires_in: 3600, api_domain: 'https://www.zohoapis.com', token_type: 'Bearer' }).success).toBe(true);
    expect(tokenAnswer.safeParse({ access_token: 'a', expires_in: '3600', api_domain: 'https://www.zohoapis.com', token_type: 'Bearer' }).success).toBe(false);
  });
});
