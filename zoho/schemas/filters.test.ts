/**
 * The sandbox never silently ignores a documented list filter: for every filter of filters.ts (each
 * variant: `_startswith`, `_contains`, `_less_than`, `date_start`, ...), a request with a value taken
 * from the list itself either narrows the answer as documented or is refused with Zoho's error
 * (code 2); a 200 with the unfiltered list fails. zoho/sandbox/list-filters.test.ts keeps the
 * hand-written cases (person e-mails, views on a changed record); this one walks the documented table.
 * Lists whose routes are not on main yet are `test.todo`.
 */
import { sandboxAccessToken, startSandbox, type RunningSandbox } from '../testing';
import { DOCUMENTED_LISTS, filterParams, type DocumentedFilter, type DocumentedList } from './filters';
import { zohoApi, type Product, type ZohoApi } from './live';

let zs: RunningSandbox;
let token = '';
beforeAll(async () => {
  // Hundreds of list calls: Zoho's per-minute and daily limits are not what this suite is about.
  zs = await startSandbox({ limits: { perWindow: 1_000_000, perDay: 10_000_000 } });
  token = await sandboxAccessToken(zs.url);
  // Documents to filter: a few orders (and Books estimates) on different customers, items, dates and references.
  const customers = zs.sandbox.state.contacts().slice(0, 3);
  const items = zs.sandbox.state.items().slice(0, 4);
  for (const product of ['inventory', 'books'] as const) {
    const api = zohoApi(zs, product, () => token);
    for (const [i, c] of customers.entries()) {
      const json = {
        customer_id: c.contact_id,
        reference_number: `PO-${product}-${i}`,
        date: `2026-0${i + 1}-15`,
        shipment_date: `2026-0${i + 2}-01`,
        line_items: [{ item_id: items[i]!.item_id, quantity: i + 1, description: `line of ${i}` }],
      };
      await api('POST', '/salesorders', { json });
      if (product === 'books') await api('POST', '/estimates', { json: { ...json, shipment_date: undefined, expiry_date: `2026-0${i + 2}-15` } });
    }
  }
});
afterAll(() => zs.close());

/**
 * Lists the sandbox does not serve on main yet (the lead adds them): todo until then. `users`: Zoho
 * documents it, Satchel reads no users (salespersons come from /salespersons), the sandbox has none.
 */
const PENDING = new Set(['users']);

/**
 * FINDINGS: the sandbox ignores these (200 with the unfiltered list, or an unknown parameter
 * accepted). Left as `test.failing` for the lead, whose routes they are; each turns green (and must
 * then be removed from here) when the route honours or refuses the filter.
 */
const FINDINGS = new Set<string>([]);
const testOr = (key: string) => (FINDINGS.has(key) ? test.failing : test);

const ID_KEY: Record<string, string> = {
  contacts: 'contact_id',
  items: 'item_id',
  salesorders: 'salesorder_id',
  estimates: 'estimate_id',
  pricebooks: 'pricebook_id',
  locations: 'location_id',
  itemgroups: 'group_id',
  taxes: 'tax_id',
  currencies: 'currency_id',
  contactpersons: 'contact_person_id',
  users: 'user_id',
};

type Row = Record<string, unknown>;

async function listAll(api: ZohoApi, list: DocumentedList, query: Record<string, string> = {}): Promise<{ status: number; code?: number; rows: Row[] }> {
  const rows: Row[] = [];
  for (let page = 1; page < 50; page++) {
    const path = list.path.replace('{contact_id}', zs.sandbox.fixtures.customer.contact_id);
    const res = await api('GET', path, { query: { ...query, page: String(page), per_page: '200' } });
    const body = res.body as Record<string, unknown> & { code?: number; page_context?: { has_more_page?: boolean } };
    if (res.status !== 200) return { status: res.status, code: body.code, rows };
    rows.push(...((body[list.key] as Row[] | undefined) ?? []));
    if (!body.page_context?.has_more_page) break;
  }
  return { status: 200, rows };
}

/** The values of a (possibly nested: `locations.location_id`, `line_items.name`) field of a row. */
function valuesOf(row: Row, field: string): unknown[] {
  const [head, ...rest] = field.split('.');
  const v = row[head!];
  if (rest.length === 0) return Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
  return (Array.isArray(v) ? v : [v]).filter((x): x is Row => !!x && typeof x === 'object').flatMap((x) => valuesOf(x, rest.join('.')));
}

const lc = (v: unknown) => String(v).trim().toLowerCase();

interface Probe {
  param: string;
  value: string;
  /** Rows the filter keeps (on the list entries, or the full documents for line-level fields). */
  keeps?: (row: Row) => boolean;
  /** Zoho matches more than the entry shows (contact persons, any searchable field): only a lower bound is known. */
  loose?: boolean;
  /** Rows the filter may never return, under every reading. */
  never?: (row: Row) => boolean;
}

/** A value for each of a filter's parameters, taken from the rows so that it keeps some and not all. */
function probes(f: DocumentedFilter, rows: Row[]): Probe[] {
  const fields = f.fields ?? [];
  const any = (row: Row, test: (v: unknown) => boolean) => fields.some((field) => valuesOf(row, field).some(test));
  const sample = rows.flatMap((r) => fields.flatMap((field) => valuesOf(r, field))).filter((v) => v !== undefined && v !== null && String(v) !== '');
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(xs.length / 2)];
  const params = filterParams(f);
  switch (f.kind) {
    case 'text': {
      const v = pick(sample.map(String).filter((s) => s.length >= 4));
      if (v === undefined) return params.map((param) => ({ param, value: 'zz-nothing-like-this', keeps: () => false }));
      const loose = f.param === 'first_name' || f.param === 'last_name' || f.param === 'email' || f.param === 'phone' || f.param === 'address';
      return [
        { param: params[0]!, value: v, keeps: (r) => any(r, (x) => lc(x) === lc(v)), loose },
        { param: params[1]!, value: v.slice(0, 3), keeps: (r) => any(r, (x) => lc(x).startsWith(lc(v.slice(0, 3)))), loose },
        { param: params[2]!, value: v.slice(1, 4), keeps: (r) => any(r, (x) => lc(x).includes(lc(v.slice(1, 4)))), loose },
      ];
    }
    case 'equals': {
      const allowed = f.values && f.values.length > 0 ? f.values : undefined;
      const seen = sample.map(String);
      const v = allowed ? (allowed.find((a) => seen.includes(a) && seen.some((s) => s !== a)) ?? allowed[0]!) : (pick(seen) ?? 'no-such-id-0');
      return [{ param: f.param, value: v, keeps: fields.length ? (r) => any(r, (x) => String(x) === v) : () => false }];
    }
    case 'number': {
      const nums = sample
        .map(Number)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      const v = pick(nums) ?? 1;
      const cmp: Array<(x: number) => boolean> = [(x) => x === v, (x) => x < v, (x) => x <= v, (x) => x > v, (x) => x >= v];
      return params.map((param, i) => ({ param, value: String(v), keeps: (r) => any(r, (x) => cmp[i]!(Number(x))) }));
    }
    case 'date': {
      const dates = sample
        .map(String)
        .filter((s) => /^\d{4}-\d{2}-\d{2}/.test(s))
        .sort();
      const v = (pick(dates) ?? '2026-01-01').slice(0, 10);
      const d = (x: unknown) => String(x).slice(0, 10);
      const cmp: Array<(x: string) => boolean> = [(x) => x === v, (x) => x >= v, (x) => x <= v, (x) => x < v, (x) => x > v];
      return params.map((param, i) => ({ param, value: v, keeps: (r) => any(r, (x) => cmp[i]!(d(x))) }));
    }
    case 'since': {
      const times = sample.map(String).sort();
      const v = pick(times) ?? '2026-01-01T00:00:00+0000';
      const ms = (x: unknown) => Date.parse(String(x).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      // Either reading (at-or-after, strictly after) is Zoho's; "keeps" is the lower bound.
      return [{ param: f.param, value: v, keeps: (r) => any(r, (x) => ms(x) > ms(v)), loose: true, never: (r) => any(r, (x) => ms(x) < ms(v)) }];
    }
    case 'search': {
      const v = pick(sample.map(String).filter((s) => s.length >= 5));
      const text = v ? v.slice(0, 5) : 'zz-nothing-like-this';
      return [{ param: f.param, value: text, keeps: (r) => any(r, (x) => lc(x).includes(lc(text))), loose: true }];
    }
    case 'view': {
      return (f.values ?? []).map((view) => {
        const rule = f.views?.[view];
        if (rule === undefined) return { param: f.param, value: view };
        return { param: f.param, value: view, keeps: rule === 'all' ? () => true : (r: Row) => valuesOf(r, rule.field).some((x) => String(x) === rule.equals) };
      });
    }
    default:
      return [];
  }
}

async function withDetails(api: ZohoApi, list: DocumentedList, rows: Row[], f: DocumentedFilter): Promise<Row[]> {
  if (!(f.fields ?? []).some((x) => x.startsWith('line_items.'))) return rows;
  const idKey = ID_KEY[list.name]!;
  const kind = list.key.replace(/s$/, '');
  return Promise.all(
    rows.map(async (r) => {
      const res = await api('GET', `${list.path}/${String(r[idKey])}`);
      return { ...r, ...((res.body as Record<string, Row>)[kind] ?? {}) };
    }),
  );
}

for (const product of ['inventory', 'books'] as const) {
  describe(`documented list filters, honoured or refused (${product})`, () => {
    for (const list of DOCUMENTED_LISTS.filter((l) => l.products.includes(product))) {
      if (PENDING.has(list.name)) {
        test.todo(`GET ${list.path}: route not on main yet (the lead enables this list)`);
        continue;
      }
      const api = () => zohoApi(zs, product as Product, () => token);

      testOr(`${product} ${list.path} undocumented`)(`GET ${list.path}: a parameter it does not document is refused, not ignored`, async () => {
        const res = await listAll(api(), list, { no_such_filter: 'x' });
        expect({ status: res.status, code: res.code }).toEqual({ status: 400, code: 2 });
      });

      for (const f of list.filters.filter((x) => x.kind !== 'sort' && x.kind !== 'option')) {
        testOr(`${product} ${list.path} ${f.param}`)(`GET ${list.path}?${filterParams(f).join('|')}`, async () => {
          const all = await listAll(api(), list);
          expect(all.status).toBe(200);
          const rows = await withDetails(api(), list, all.rows, f);
          const idKey = ID_KEY[list.name]!;
          const ids = (rs: Row[]) => rs.map((r) => String(r[idKey])).sort();
          const outcomes: string[] = [];
          for (const p of probes(f, rows)) {
            const res = await listAll(api(), list, { [p.param]: p.value });
            if (res.status === 400 && res.code === 2) continue; // refused with Zoho's error: fine
            if (res.status !== 200) {
              outcomes.push(`${p.param}=${p.value}: HTTP ${res.status} code ${res.code}, neither honoured nor refused with code 2`);
              continue;
            }
            const got = ids(res.rows);
            const expected = p.keeps ? ids(rows.filter(p.keeps)) : undefined;
            if (expected === undefined) {
              if (got.length === rows.length && !p.value.endsWith('.All')) outcomes.push(`${p.param}=${p.value}: 200 with the whole list`);
            } else if (p.loose) {
              const missing = expected.filter((id) => !got.includes(id));
              if (missing.length) outcomes.push(`${p.param}=${p.value}: leaves out ${missing.length} row(s) it documents`);
              if (got.length === rows.length && expected.length < rows.length) outcomes.push(`${p.param}=${p.value}: 200 with the whole list`);
              const wrong = p.never ? res.rows.filter(p.never).length : 0;
              if (wrong) outcomes.push(`${p.param}=${p.value}: returns ${wrong} row(s) it rules out`);
            } else if (JSON.stringify(got) !== JSON.stringify(expected)) {
              outcomes.push(
                got.length === rows.length && expected.length < rows.length
                  ? `${p.param}=${p.value}: 200 with the whole list`
                  : `${p.param}=${p.value}: ${got.length} row(s), Zoho's reading keeps ${expected.length}`,
              );
            }
          }
          expect(outcomes).toEqual([]);
        });
      }
    }
  });
}
