/**
 * Mocked activities for the fast workflow tests (workflows/*.workflow.test.ts): happy-path defaults
 * typed against the real activity interfaces (types only, never the factories), so a changed
 * activity name, argument list or result type breaks the tests at compile time. Every call is
 * recorded in one shared log, so a test asserts on what the workflow did, in order.
 */
import { Context } from '@temporalio/activity';
import type { Stage } from '../../domain/lifecycle';
import type { MailActivities, MappingActivities, MappedOrder, OrderDbActivities, PdfActivities, ZohoActivities } from '../activities';
import type { CatalogueDbActivities, CatalogueZohoActivities } from '../activities/catalogue';
import type { PagerCursor, StepCounts } from '../../server/catalogue/sync';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => Promise<unknown>;
type Fns<T> = { [K in keyof T]: T[K] extends AnyFn ? T[K] : never };
type Fn<F> = F extends (...args: infer A) => infer R ? (...args: A) => R : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type NoUndefined<P extends unknown[]> = { [I in keyof P]: Exclude<P[I], undefined> };
type Arity<P extends unknown[]> = NoUndefined<Required<P>>;
/**
 * The activities whose default mock does not take exactly the real parameter list (`never`: none).
 * `satisfies` already refuses a renamed activity, a changed result or a parameter the mock has and
 * the activity lost; this also refuses a parameter the activity gained that the mock lacks.
 */
type ParamsDiffer<Mock, Real> = {
  [K in keyof Real]: K extends keyof Mock ? (Same<Arity<Parameters<Fn<Mock[K]>>>, Arity<Parameters<Fn<Real[K]>>>> extends true ? never : K) : K;
}[keyof Real];
/** Compiles only when `_Differ` is never; otherwise the error names the activities to update. */
function sameParams<_Differ extends never>(): void {}

export interface Call {
  name: string;
  args: unknown[];
  /** Wall time the activity was invoked (ms). */
  at: number;
}

/** Every activity call of one test, in the order the workers ran them. */
export class CallLog<T> {
  readonly calls: Call[] = [];

  count(name: keyof T & string): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  /** The arguments of each call of `name`, typed from the interface. */
  argsOf<K extends keyof T & string>(name: K): Array<T[K] extends AnyFn ? Parameters<T[K]> : never> {
    return this.calls.filter((c) => c.name === name).map((c) => c.args as T[K] extends AnyFn ? Parameters<T[K]> : never);
  }

  names(): string[] {
    return this.calls.map((c) => c.name);
  }
}

/** Wrap each function of `impl` so its calls land in `log` (the Worker registers them by key). */
function recording<T extends object>(impl: T, log: CallLog<unknown>): T {
  const out: Record<string, AnyFn> = {};
  for (const [name, fn] of Object.entries(impl) as Array<[string, AnyFn]>) {
    out[name] = async (...args: unknown[]) => {
      log.calls.push({ name, args, at: Date.now() });
      return fn(...args);
    };
  }
  return out as T;
}

/** Split `overrides` between the two activity sets by the names the defaults have. */
function pick<T extends object>(defaults: T, overrides: object): Partial<T> {
  return Object.fromEntries(Object.entries(overrides).filter(([k]) => k in defaults)) as Partial<T>;
}

/** An activity that throws `failure()` on its first `times` calls, then behaves like `then`. */
export function failingFirst<F extends AnyFn>(times: number, failure: () => Error, then: F): F {
  let calls = 0;
  return (async (...args: Parameters<F>) => {
    if (calls++ < times) throw failure();
    return then(...args);
  }) as F;
}

/** A latch a test opens; `blockUntil` waits on it inside an activity. */
export function gate(): { opened: Promise<void>; open(): void; isOpen(): boolean } {
  let open!: () => void;
  let isOpen = false;
  const opened = new Promise<void>((resolve) => {
    open = () => {
      isOpen = true;
      resolve();
    };
  });
  return { opened, open, isOpen: () => isOpen };
}

/**
 * Inside an activity: wait for `until`, heartbeating (Zoho activities have a 15 s heartbeat
 * timeout), and give up when the activity is cancelled (worker shutdown after a failed test).
 */
export async function blockUntil(until: Promise<void>): Promise<void> {
  const ctx = Context.current();
  const beat = setInterval(() => ctx.heartbeat(), 1000);
  try {
    await Promise.race([until, ctx.cancelled]);
  } finally {
    clearInterval(beat);
  }
}

// ---------------------------------------------------------------------------------------------
// Order, quote and customer workflows
// ---------------------------------------------------------------------------------------------

/** Activities on the main task queue: hub database, mapping, PDF, mail. */
export type MainActivities = OrderDbActivities & MappingActivities & PdfActivities & MailActivities;
export type DocumentActivities = MainActivities & ZohoActivities;

export const CONTACT_ID = 'zc-1001';

/** An Inventory sales order the mapping confirms; override mapOrderForZoho for other targets. */
export const inventoryOrder: MappedOrder = { target: 'inventory.salesorder', payload: { customer_id: CONTACT_ID }, confirm: true, version: 1 };

// Every default names every parameter of its activity (checked by sameParams below).
const mainDefaults = () =>
  ({
    async recordStage(_orderId, _stage, _note) {},
    async recordCustomerStage(_customerId, _stage, _note) {},
    async describeOrder(_orderId, _options) {
      return {
        kind: 'order',
        number: 'SO-3F2A9C01B7E44D21',
        customerName: 'Corner Shop',
        rep: { name: 'Ann Rep', email: 'ann@example.com' },
        total: '€12.50',
        lines: 2,
        editWindowMs: 0,
      };
    },
    async closeEditing(_orderId, _reason) {},
    async resolveCustomer(_orderId) {
      return { zohoContactId: CONTACT_ID };
    },
    async checkPrices(_orderId, _acceptDifferences) {
      return { note: 'price check: device prices match the hub', differences: [] };
    },
    async mapOrderForZoho(_orderId) {
      return inventoryOrder;
    },
    async renderOrderPdf(_orderId) {
      return { bytes: 20_480, rendered: true, revision: 0 };
    },
    async emailOrderPdf(_orderId, _confirmed) {
      return { recipients: ['ann@example.com'], sent: true, note: 'emailed to ann@example.com' };
    },
  }) satisfies MainActivities;
sameParams<ParamsDiffer<ReturnType<typeof mainDefaults>, MainActivities>>();

const zohoDefaults = () =>
  ({
    async createInZoho(_orderId, _mapped) {
      return { zohoId: 'so-9001', zohoNumber: 'SO-3F2A9C01B7E44D21', adopted: false };
    },
    async updateInZoho(_orderId, mapped) {
      return { updated: true, revision: mapped.revision ?? 0 };
    },
    async confirmInZoho(_orderId) {},
    async attachPdfInZoho(_orderId) {
      return { attached: true };
    },
    async voidInZoho(_orderId) {
      return { voided: true };
    },
    async findOrCreateContact(_customerId) {
      return { zohoContactId: CONTACT_ID, adopted: false };
    },
  }) satisfies ZohoActivities;
sameParams<ParamsDiffer<ReturnType<typeof zohoDefaults>, ZohoActivities>>();

/** The happy path of the main-queue activities (to delegate to from an override). */
export const defaultMainActivities = (): MainActivities => mainDefaults();
/** The happy path of the Zoho activities (to delegate to from an override). */
export const defaultZohoActivities = (): ZohoActivities => zohoDefaults();

export interface DocumentMocks {
  /** Register on the main task queue. */
  main: MainActivities;
  /** Register on zohoTaskQueue(main queue). */
  zoho: ZohoActivities;
  log: CallLog<DocumentActivities>;
  /** The stages the order workflow(s) recorded (recordStage), in order; only `orderId`'s if given. */
  stages(orderId?: string): Stage[];
  /** [stage, note] of each recordStage call (only `orderId`'s if given). */
  timeline(orderId?: string): Array<[Stage, string | undefined]>;
  /** The stages the customer workflow(s) recorded (recordCustomerStage), in order. */
  customerStages(customerId?: string): Stage[];
  customerTimeline(customerId?: string): Array<[Stage, string | undefined]>;
}

/** Happy-path activities for the document workflows, with per-test overrides. */
export function mockDocumentActivities(overrides: Partial<Fns<DocumentActivities>> = {}): DocumentMocks {
  const log = new CallLog<DocumentActivities>();
  const mainDefaults = defaultMainActivities();
  const zohoDefaults = defaultZohoActivities();
  const main = recording<MainActivities>({ ...mainDefaults, ...pick(mainDefaults, overrides) }, log);
  const zoho = recording<ZohoActivities>({ ...zohoDefaults, ...pick(zohoDefaults, overrides) }, log);
  const entries = (args: Array<[string, Stage, string?]>, id?: string) =>
    args.filter(([of]) => id === undefined || of === id).map(([, stage, note]) => [stage, note] as [Stage, string | undefined]);
  const timeline = (orderId?: string) => entries(log.argsOf('recordStage'), orderId);
  const customerTimeline = (customerId?: string) => entries(log.argsOf('recordCustomerStage'), customerId);
  return {
    main,
    zoho,
    log,
    timeline,
    customerTimeline,
    stages: (orderId) => timeline(orderId).map(([stage]) => stage),
    customerStages: (customerId) => customerTimeline(customerId).map(([stage]) => stage),
  };
}

// ---------------------------------------------------------------------------------------------
// Catalogue sync workflow
// ---------------------------------------------------------------------------------------------

export type CatalogueActivities = CatalogueDbActivities & CatalogueZohoActivities;

export const counts = (fetched: number, calls = 1, changed = fetched): StepCounts => ({ fetched, changed, skipped: 0, deleted: 0, calls });

export interface CatalogueScenario {
  /** Item pages Zoho has (each ITEMS_PER_PAGE items). */
  itemPages?: number;
  contactPages?: number;
  /** Contacts whose details are due (the backlog catalogueDueContactDetails hands out). */
  dueDetails?: string[];
  /** Calls each page reports (pacing counts them). */
  callsPerPage?: number;
}

export const ITEMS_PER_PAGE = 200;
export const CONTACTS_PER_PAGE = 100;

const firstCursor = (): PagerCursor => ({ page: 1, seen: [], mode: 'keyset' });
const nextPage = (cursor: PagerCursor, pages: number): PagerCursor | null => (cursor.page < pages ? { ...cursor, page: cursor.page + 1 } : null);

const catalogueDefaults = ({ itemPages = 1, contactPages = 1, dueDetails = [], callsPerPage = 1 }: CatalogueScenario) => {
  const backlog = [...dueDetails];
  const db = {
    async cataloguePlan(_mode, _fullEveryMs, _nowMs) {
      return { full: false, items: firstCursor(), contacts: firstCursor(), needOrganization: true };
    },
    async catalogueDueContactDetails(limit) {
      const ids = backlog.slice(0, Math.max(0, limit));
      return { ids, due: backlog.length };
    },
    async catalogueFinish(_input) {
      return { deleted: 2, changed: 3, head: 4242 };
    },
  } satisfies CatalogueDbActivities;
  const zoho = {
    async catalogueOrganization() {
      return counts(1);
    },
    async catalogueLocations() {
      return counts(2);
    },
    async catalogueItemsPage(_runId, _full, cursor, _highWater) {
      return {
        next: nextPage(cursor, itemPages),
        counts: counts(ITEMS_PER_PAGE, callsPerPage),
        highWater: { since: `2026-01-01T00:00:0${Math.min(cursor.page, 9)}+0000`, sinceMs: cursor.page },
      };
    },
    async cataloguePriceLists() {
      return counts(3, 2);
    },
    async catalogueContactsPage(_runId, _full, cursor, _highWater) {
      return { next: nextPage(cursor, contactPages), counts: counts(CONTACTS_PER_PAGE, callsPerPage) };
    },
    async catalogueContactDetail(contactId) {
      const at = backlog.indexOf(contactId);
      if (at >= 0) backlog.splice(at, 1);
      return counts(1);
    },
  } satisfies CatalogueZohoActivities;
  return { db, zoho };
};
sameParams<ParamsDiffer<ReturnType<typeof catalogueDefaults>['db'], CatalogueDbActivities>>();
sameParams<ParamsDiffer<ReturnType<typeof catalogueDefaults>['zoho'], CatalogueZohoActivities>>();

/**
 * A Zoho organization with `itemPages` item pages and `contactPages` contact pages (plan: an
 * incremental run that still needs the organization), and `dueDetails` contacts due for details.
 */
export function defaultCatalogueActivities(scenario: CatalogueScenario = {}): { db: CatalogueDbActivities; zoho: CatalogueZohoActivities } {
  return catalogueDefaults(scenario);
}

export interface CatalogueMocks {
  /** Database steps: register on the main task queue. */
  main: CatalogueDbActivities;
  /** Zoho calls: register on zohoTaskQueue(main queue). */
  zoho: CatalogueZohoActivities;
  log: CallLog<CatalogueActivities>;
}

export function mockCatalogueActivities(scenario: CatalogueScenario = {}, overrides: Partial<Fns<CatalogueActivities>> = {}): CatalogueMocks {
  const log = new CallLog<CatalogueActivities>();
  const defaults = defaultCatalogueActivities(scenario);
  return {
    main: recording<CatalogueDbActivities>({ ...defaults.db, ...pick(defaults.db, overrides) }, log),
    zoho: recording<CatalogueZohoActivities>({ ...defaults.zoho, ...pick(defaults.zoho, overrides) }, log),
    log,
  };
}
