/**
 * All configuration, from environment variables, validated once. Every variable is documented in
 * `.env.example`; the defaults are the embedded demo (SQLite, local Temporal, Zoho sandbox, mail catcher).
 */
import type { OrderTermsSettings, ZohoProduct } from '../domain';
import fs from 'node:fs';
import path from 'node:path';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import * as z from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
/** `90s`, `5m`, `24h`, `2d`, `500ms` → milliseconds. */
const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^\s*(\d+)\s*(ms|s|m|h|d)\s*$/.exec(v);
      if (!m || Number(m[1]) <= 0) {
        ctx.addIssue({ code: 'custom', message: `must be a duration such as 90s, 5m or 24h (got "${v}")` });
        return z.NEVER;
      }
      return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    });

/** Zoho data centres: accounts server → API domain (see shared Zoho contract). */
export const ZOHO_DATA_CENTRES = {
  us: { accounts: 'https://accounts.zoho.com', api: 'https://www.zohoapis.com' },
  eu: { accounts: 'https://accounts.zoho.eu', api: 'https://www.zohoapis.eu' },
  in: { accounts: 'https://accounts.zoho.in', api: 'https://www.zohoapis.in' },
  au: { accounts: 'https://accounts.zoho.com.au', api: 'https://www.zohoapis.com.au' },
  jp: { accounts: 'https://accounts.zoho.jp', api: 'https://www.zohoapis.jp' },
  ca: { accounts: 'https://accounts.zohocloud.ca', api: 'https://www.zohoapis.ca' },
  sa: { accounts: 'https://accounts.zoho.sa', api: 'https://www.zohoapis.sa' },
  cn: { accounts: 'https://accounts.zoho.com.cn', api: 'https://www.zohoapis.com.cn' },
  uk: { accounts: 'https://accounts.zoho.uk', api: 'https://www.zohoapis.uk' },
  ae: { accounts: 'https://accounts.zoho.ae', api: 'https://www.zohoapis.ae' },
} as const;
export type ZohoDataCentre = keyof typeof ZOHO_DATA_CENTRES;

/** The sandbox's demo organization and OAuth client: the defaults when no real Zoho is configured. */
export const SANDBOX_DEMO = {
  clientId: '1000.SATCHELDEMOCLIENT',
  clientSecret: 'satchel-demo-secret',
  refreshToken: '1000.satchel-demo-refresh-token',
  organizationId: '60000000001',
} as const;

/**
 * New documents per user per rolling hour: a rep takes an order in minutes, so even a week's
 * offline backlog arriving at once (it then drains over the next hours) is about all that hits it.
 */
export const DEFAULT_DOCUMENTS_PER_USER_PER_HOUR = 120;

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  METRICS_TOKEN: optionalString,
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  WORKER_METRICS_HOST: z.string().default('127.0.0.1'),
  TRUST_PROXY: z.string().default('loopback'),
  WORKFLOW_BUNDLE: optionalString,
  PORT: port(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: optionalString,
  DATABASE_URL: optionalString,
  DATABASE_LOGGING: z.stringbool().default(false),

  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_PORT: port(7233),
  TEMPORAL_NAMESPACE: optionalString,
  // Read by @temporalio/envconfig (Temporal's standard client configuration); listed so they are documented.
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_TLS: optionalString,
  TEMPORAL_TLS_CLIENT_CERT_PATH: optionalString,
  TEMPORAL_TLS_CLIENT_CERT_DATA: optionalString,
  TEMPORAL_TLS_CLIENT_KEY_PATH: optionalString,
  TEMPORAL_TLS_CLIENT_KEY_DATA: optionalString,
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: optionalString,
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: optionalString,
  TEMPORAL_TLS_SERVER_NAME: optionalString,
  TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: optionalString,
  TEMPORAL_CONFIG_FILE: optionalString,
  TEMPORAL_PROFILE: optionalString,
  TEMPORAL_TASK_QUEUE: z.string().default('satchel'),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_UI_URL: optionalString,
  TEMPORAL_UI_READ_ONLY: z.stringbool().default(true),

  ZOHO_PRODUCT: z.enum(['inventory', 'books']).default('inventory'),
  ZOHO_DATA_CENTRE: z.enum(Object.keys(ZOHO_DATA_CENTRES) as [ZohoDataCentre, ...ZohoDataCentre[]]).default('us'),
  ZOHO_ACCOUNTS_URL: optionalString,
  ZOHO_API_URL: optionalString,
  ZOHO_CLIENT_ID: optionalString,
  ZOHO_CLIENT_SECRET: optionalString,
  ZOHO_REFRESH_TOKEN: optionalString,
  ZOHO_ORGANIZATION_ID: optionalString,
  ZOHO_SANDBOX_PORT: port(3100),
  ZOHO_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100).default(90),
  ZOHO_MAX_CONCURRENT: z.coerce.number().int().min(1).max(10).default(5),
  ZOHO_DAILY_REQUEST_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(1000),

  SMTP_URL: optionalString,
  MAIL_CATCHER_SMTP_PORT: port(1025),
  MAIL_CATCHER_WEB_PORT: port(8025),
  MAIL_FROM: z.string().default('Satchel <orders@satchel.local>'),

  PUPPETEER_EXECUTABLE_PATH: optionalString,
  CATALOGUE_SYNC_INTERVAL: duration('5m'),
  CATALOGUE_FULL_SYNC_EVERY: duration('24h'),
  CATALOGUE_SYNC_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(100).default(40),
  CATALOGUE_CONTACT_DETAILS_PER_RUN: z.coerce.number().int().min(0).max(10_000).default(50),
  CATALOGUE_REP_FIELD: optionalString,
  CATALOGUE_MINIMUM_QUANTITY_FIELD: z.string().trim().min(1).default('cf_min_order_qty'),
  CATALOGUE_PACK_SIZE_FIELD: z.string().trim().min(1).default('cf_pack_size'),
  CATALOGUE_ON_HOLD_FIELD: optionalString.refine((v) => v === undefined || /^cf_[a-z0-9_]+$/i.test(v), 'must be a custom field api_name such as cf_on_hold'),
  ZOHO_PRICES_INCLUDE_TAX: z.stringbool().default(false),
  ZOHO_TAX_ROUNDING: z.enum(['line', 'document']).default('line'),
  PAYMENT_METHODS: z
    .string()
    .default('Cash,Card,Bank transfer,On account')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      ),
    ])
    .refine((list) => list.every((m) => m.length <= 100), 'each payment method at most 100 characters')
    .refine((list) => list.length <= 30, 'at most 30 payment methods'),
  ORDER_PAYMENT_METHOD_FIELD: optionalString.refine(
    (v) => v === undefined || /^cf_[a-z0-9_]+$/i.test(v),
    'must be a custom field api_name such as cf_payment_method',
  ),
  COMPANY_NAME: z.string().trim().min(1).default('Satchel Demo Trading Co.'),
  COMPANY_ADDRESS: optionalString,
  PDF_MAX_CONCURRENT: z.coerce.number().int().min(1).max(16).default(2),
  MAIL_TO_CUSTOMER: z.stringbool().default(false),
  MAIL_COPY_TO: optionalString,
  MAIL_TEMPLATES_DIR: optionalString,
  PRICE_CHECK_POLICY: z.enum(['honour_device', 'use_hub', 'ask']).default('honour_device'),
  ORDER_EDIT_WINDOW_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .default(168),

  DOCUMENTS_PER_USER_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_DOCUMENTS_PER_USER_PER_HOUR),
  MAPPING_DEADLINE_MS: z.coerce.number().int().min(50).max(10_000).default(1000),
  MAPPING_MEMORY_MB: z.coerce.number().int().min(16).max(4096).default(64),
  MAPPING_POOL_SIZE: z.coerce.number().int().min(1).max(32).default(2),
  MAPPING_MAX_OUTPUT_KB: z.coerce.number().int().min(1).max(100_000).default(512),
  MAPPING_PREVIEW_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),

  SESSION_IDLE_DAYS: z.coerce.number().positive().max(365).default(30),
  SESSION_MAX_DAYS: z.coerce.number().positive().max(730).default(90),
  SIGN_IN_WINDOW: duration('15m'),
  SIGN_IN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  SIGN_IN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  SIGN_IN_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  SIGN_IN_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  SIGN_IN_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(16),
  SIGN_IN_HASH_WAIT: duration('2s'),
  SATCHEL_SECRET_KEY: optionalString,
  DEMO_USERS: z.enum(['auto', 'true', 'false']).default('auto'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the configuration reads (each one is documented in .env.example). */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);

export interface ZohoSettings {
  product: ZohoProduct;
  accountsUrl: string;
  /** The API domain to use until a token response names one (Zoho's `api_domain`). */
  apiDomain: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  organizationId: string;
  /** True when no real Zoho credentials are set and the local sandbox stands in. */
  sandbox: boolean;
  /** Our share of the organization's 100 calls a minute (other integrations use the rest). */
  requestsPerMinute: number;
  /** In-flight calls at once: Zoho allows 5 on the Free plan, 10 on paid plans. */
  maxConcurrent: number;
  /** The plan's daily API call quota, shown against the calls counted today (the console can override it). */
  dailyRequestLimit?: number;
}

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  /** JSON lines (production, log shippers) or one readable line per entry (a developer's terminal). */
  logFormat: 'json' | 'pretty';
  observability: ObservabilitySettings;
  /** Express `trust proxy`: which hops' X-Forwarded-For to believe (client address for throttling and logs). */
  trustProxy: boolean | number | string;
  dataDir: string;
  /** The interface the hub listens on: loopback unless HOST says otherwise (containers set 0.0.0.0). */
  host: string;
  port: number;
  publicUrl: string;
  database: { url: string; dialect: 'sqlite' | 'postgres'; logging: boolean };
  temporal: TemporalSettings;
  zoho: ZohoSettings;
  mail: { smtpUrl: string; catcher: boolean; catcherWebPort: number; catcherSmtpPort: number; from: string };
  chromiumPath?: string;
  catalogue: CatalogueSettings;
  documents: DocumentSettings;
  limits: {
    /** New orders, quotes and customers one user may store per rolling hour (replays of stored ones do not count). */
    documentsPerUserPerHour: number;
  };
  mappingSandbox: MappingSandboxSettings;
  auth: {
    sessionIdleDays: number;
    sessionMaxDays: number;
    /** 32 bytes, base64: seals secrets at rest. Unset outside production: one is kept in DATA_DIR. */
    secretKey?: string;
    /** Create the demo rep, support and admin accounts on an empty database. */
    demoUsers: boolean;
    /** The session cookie is Secure (the hub is reached over HTTPS). */
    secureCookies: boolean;
    /** Sign-in throttling (hub/auth/throttle.ts): per account, per address, per installation and minute. */
    throttle: { windowMs: number; maxPerAccount: number; maxPerAddress: number; maxPerMinute: number };
    /** Password hashes at once per hub process, and the short queue behind them (hub/auth/hashing-gate.ts). */
    hashing: { maxConcurrent: number; maxQueued: number; maxWaitMs: number };
  };
}

/** Where and how to reach Temporal: a local dev server, a self-hosted cluster, or Temporal Cloud. */
export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  uiUrl: string;
  /** The Web UI behind the proxy only looks: no signal, cancel, terminate, reset (TEMPORAL_UI_READ_ONLY). */
  uiReadOnly: boolean;
  /** From Temporal's standard client configuration (env TEMPORAL_* or a TOML profile): API key, mTLS, gRPC metadata. */
  connection: TemporalConnectionOptions;
  /** A prebuilt workflow bundle (production workers); unset: the worker bundles workflows/ at start. */
  workflowBundlePath?: string;
}

/** What both `Connection.connect` (client) and `NativeConnection.connect` (worker) take. */
export interface TemporalConnectionOptions {
  address: string;
  apiKey?: string;
  tls?: NonNullable<ReturnType<typeof loadClientConnectConfig>['connectionOptions']['tls']>;
  metadata?: Record<string, string>;
}

/** Metrics: the hub's /metrics needs this bearer token; the worker serves its own on a separate port. */
export interface ObservabilitySettings {
  metricsToken?: string;
  /** 0: no worker metrics server. */
  workerMetricsPort: number;
  workerMetricsHost: string;
}

/** What the order workflow does around Zoho: the price check before it, the PDF and email after it. */
export interface DocumentSettings {
  companyName: string;
  companyAddress?: string;
  /** Concurrent PDF renders per worker process (one shared Chromium, one context each). */
  pdfMaxConcurrent: number;
  /** Also email the PDF to the customer (the order's customer email), not only to the rep. */
  mailToCustomer: boolean;
  /** An address that gets a copy of every PDF (an orders desk); the only recipient when no rep is known. */
  mailCopyTo?: string;
  /** Folder of the editable mail templates (default templates/mail). */
  mailTemplatesDir?: string;
  /** Device price differs from the hub's: keep the device's (recorded), use the hub's, or ask support. */
  priceCheckPolicy: 'honour_device' | 'use_hub' | 'ask';
  /** How long after sending a document whose Zoho copy is a draft takes the rep's changes from the app (0: never). */
  editWindowMs: number;
}

/**
 * Where mappings run: every evaluation (preview, save check, the worker's mapping) in a pool of
 * child processes, each capped in memory, stopped at a deadline, its output bounded.
 */
export interface MappingSandboxSettings {
  /** Wall-clock budget of one evaluation (one mapping over one order or customer); then the process is killed and replaced. */
  deadlineMs: number;
  /** V8 heap cap of each evaluator process (--max-old-space-size). */
  memoryMb: number;
  /** Evaluator processes per hub or worker process. */
  poolSize: number;
  /** Largest payload an evaluation may return, as JSON characters. */
  maxOutputChars: number;
  /** Previews per user per minute (each hub replica counts its own). */
  previewPerMinute: number;
}

/** The Zoho → hub catalogue sync (Temporal Schedule `catalogue-sync`). */
export interface CatalogueSettings {
  intervalMs: number;
  fullEveryMs: number;
  /** Pace of catalogue calls to Zoho: the rest of the worker's budget stays with order pushes. */
  callsPerMinute: number;
  contactDetailsPerRun: number;
  /** Contact custom field (api_name) holding the assigned rep's e-mail; unset: every customer is shared. */
  repField?: string;
  /** Item custom fields (api_name) holding the minimum order quantity and the pack size (the order rules read them). */
  itemQuantityFields: { minimumQuantity: string; packSize: string };
  /** Contact custom field (api_name) that holds a customer on hold (a check box, or yes/true); unset: no customer is on hold. */
  onHoldField?: string;
  /** What the devices get in their settings record: the organization's tax preferences and the payment methods to offer. */
  orderTerms: OrderTermsSettings;
  /** Sales order / estimate custom field (api_name) the default mappings send the payment method to; unset: not sent. */
  paymentMethodField?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function zohoSettings(env: Env): ZohoSettings {
  const real = [env.ZOHO_CLIENT_ID, env.ZOHO_CLIENT_SECRET, env.ZOHO_REFRESH_TOKEN, env.ZOHO_ORGANIZATION_ID];
  const anySet = real.some(Boolean);
  const explicitUrls = env.ZOHO_ACCOUNTS_URL || env.ZOHO_API_URL;
  if (anySet && !real.every(Boolean)) {
    throw new ConfigError([
      'ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN and ZOHO_ORGANIZATION_ID go together: set all four for real Zoho, or none for the sandbox',
    ]);
  }
  if (!anySet && env.NODE_ENV === 'production') {
    // Else production would quietly take orders into the local sandbox (and serve its demo helpers).
    throw new ConfigError([
      'ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN and ZOHO_ORGANIZATION_ID are required in production (with ZOHO_DATA_CENTRE and ZOHO_PRODUCT); without them Satchel would run against the local Zoho sandbox',
    ]);
  }
  const budget = { requestsPerMinute: env.ZOHO_REQUESTS_PER_MINUTE, maxConcurrent: env.ZOHO_MAX_CONCURRENT, dailyRequestLimit: env.ZOHO_DAILY_REQUEST_LIMIT };
  const sandbox = !anySet || (!!explicitUrls && /localhost|127\.0\.0\.1/.test(explicitUrls));
  if (!anySet) {
    const base = `http://127.0.0.1:${env.ZOHO_SANDBOX_PORT}`;
    return {
      product: env.ZOHO_PRODUCT,
      accountsUrl: env.ZOHO_ACCOUNTS_URL ?? base,
      apiDomain: env.ZOHO_API_URL ?? base,
      ...SANDBOX_DEMO,
      sandbox: true,
      ...budget,
    };
  }
  const dc = ZOHO_DATA_CENTRES[env.ZOHO_DATA_CENTRE];
  return {
    product: env.ZOHO_PRODUCT,
    accountsUrl: env.ZOHO_ACCOUNTS_URL ?? dc.accounts,
    apiDomain: env.ZOHO_API_URL ?? dc.api,
    clientId: env.ZOHO_CLIENT_ID!,
    clientSecret: env.ZOHO_CLIENT_SECRET!,
    refreshToken: env.ZOHO_REFRESH_TOKEN!,
    organizationId: env.ZOHO_ORGANIZATION_ID!,
    sandbox,
    ...budget,
  };
}

function databaseSettings(env: Env, dataDir: string): Config['database'] {
  const url = env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'satchel.db')}`;
  if (url.startsWith('sqlite:')) return { url, dialect: 'sqlite', logging: env.DATABASE_LOGGING };
  if (/^postgres(ql)?:\/\//.test(url)) return { url, dialect: 'postgres', logging: env.DATABASE_LOGGING };
  throw new ConfigError([`DATABASE_URL must start with sqlite: or postgres:// (got "${url}")`]);
}

/**
 * Temporal's standard client configuration (@temporalio/envconfig): TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY, TEMPORAL_TLS_*, or a profile in a TOML file (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE).
 * The same settings the `temporal` CLI reads, so one profile serves both. Unset: the local dev server.
 */
function temporalSettings(env: Env, source: NodeJS.ProcessEnv): TemporalSettings {
  let profile: ReturnType<typeof loadClientConnectConfig>;
  // envconfig skips a missing file silently; a file someone named must exist, or we would quietly connect elsewhere.
  if (env.TEMPORAL_CONFIG_FILE && !fs.existsSync(env.TEMPORAL_CONFIG_FILE)) {
    throw new ConfigError([`TEMPORAL_CONFIG_FILE: ${env.TEMPORAL_CONFIG_FILE} does not exist`]);
  }
  try {
    const vars = Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
    profile = loadClientConnectConfig({ profile: env.TEMPORAL_PROFILE, overrideEnvVars: vars });
  } catch (err) {
    throw new ConfigError([`TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE / TEMPORAL_TLS_*: ${(err as Error).message}`]);
  }
  const { address, apiKey, tls, metadata } = profile.connectionOptions;
  const connection: TemporalConnectionOptions = {
    // Unset: the local dev server that `npm start` runs on TEMPORAL_PORT.
    address: address ?? `localhost:${env.TEMPORAL_PORT}`,
    ...(apiKey ? { apiKey } : {}),
    ...(tls !== undefined && tls !== null ? { tls } : {}),
    ...(metadata && Object.keys(metadata).length ? { metadata: metadata as Record<string, string> } : {}),
  };
  return {
    address: connection.address,
    namespace: profile.namespace ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    uiUrl: env.TEMPORAL_UI_URL ?? `http://localhost:${env.TEMPORAL_UI_PORT}`,
    uiReadOnly: env.TEMPORAL_UI_READ_ONLY,
    connection,
    workflowBundlePath: env.WORKFLOW_BUNDLE ? path.resolve(env.WORKFLOW_BUNDLE) : undefined,
  };
}

/** `true`/`false`, a hop count, or Express's names and address lists (loopback, uniquelocal, 10.0.0.0/8...). */
function trustProxy(raw: string): boolean | number | string {
  const v = raw.trim();
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

/**
 * A worker in production serves its metrics only behind METRICS_TOKEN: open, they tell anyone who
 * reaches the port how many orders flow and what fails. Checked where the worker starts (the hub
 * reads the same settings but serves no worker metrics). Throws ConfigError.
 */
export function assertWorkerMetricsProtected(config: Pick<Config, 'env' | 'observability'>): void {
  const { workerMetricsPort, metricsToken } = config.observability;
  if (config.env === 'production' && workerMetricsPort !== 0 && !metricsToken) {
    throw new ConfigError([
      `METRICS_TOKEN: required in production while the worker serves metrics (WORKER_METRICS_PORT=${workerMetricsPort}); set a token (openssl rand -hex 32), or WORKER_METRICS_PORT=0 for no metrics server`,
    ]);
  }
}

/** Parse and validate configuration. Throws ConfigError listing every problem at once. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  if (env.NODE_ENV === 'production' && !env.SATCHEL_SECRET_KEY) {
    throw new ConfigError(['SATCHEL_SECRET_KEY: required in production (generate one with `openssl rand -base64 32`)']);
  }
  if (env.SESSION_IDLE_DAYS > env.SESSION_MAX_DAYS) throw new ConfigError(['SESSION_IDLE_DAYS cannot be longer than SESSION_MAX_DAYS']);
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const zoho = zohoSettings(env);
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    // auto: readable lines in development (`npm start`), JSON lines everywhere else.
    logFormat: env.LOG_FORMAT === 'auto' ? (env.NODE_ENV === 'development' ? 'pretty' : 'json') : env.LOG_FORMAT,
    observability: {
      metricsToken: env.METRICS_TOKEN,
      workerMetricsPort: env.WORKER_METRICS_PORT,
      workerMetricsHost: env.WORKER_METRICS_HOST,
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
    dataDir,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    database: databaseSettings(env, dataDir),
    temporal: temporalSettings(env, source),
    zoho,
    mail: {
      smtpUrl: env.SMTP_URL ?? `smtp://127.0.0.1:${env.MAIL_CATCHER_SMTP_PORT}`,
      catcher: !env.SMTP_URL,
      catcherSmtpPort: env.MAIL_CATCHER_SMTP_PORT,
      catcherWebPort: env.MAIL_CATCHER_WEB_PORT,
      from: env.MAIL_FROM,
    },
    chromiumPath: env.PUPPETEER_EXECUTABLE_PATH,
    catalogue: {
      intervalMs: env.CATALOGUE_SYNC_INTERVAL,
      fullEveryMs: env.CATALOGUE_FULL_SYNC_EVERY,
      callsPerMinute: env.CATALOGUE_SYNC_CALLS_PER_MINUTE,
      contactDetailsPerRun: env.CATALOGUE_CONTACT_DETAILS_PER_RUN,
      repField: env.CATALOGUE_REP_FIELD,
      itemQuantityFields: { minimumQuantity: env.CATALOGUE_MINIMUM_QUANTITY_FIELD, packSize: env.CATALOGUE_PACK_SIZE_FIELD },
      onHoldField: env.CATALOGUE_ON_HOLD_FIELD,
      orderTerms: { taxInclusive: env.ZOHO_PRICES_INCLUDE_TAX, taxRounding: env.ZOHO_TAX_ROUNDING, paymentMethods: env.PAYMENT_METHODS },
      paymentMethodField: env.ORDER_PAYMENT_METHOD_FIELD,
    },
    documents: {
      companyName: env.COMPANY_NAME,
      companyAddress: env.COMPANY_ADDRESS,
      pdfMaxConcurrent: env.PDF_MAX_CONCURRENT,
      mailToCustomer: env.MAIL_TO_CUSTOMER,
      mailCopyTo: env.MAIL_COPY_TO,
      mailTemplatesDir: env.MAIL_TEMPLATES_DIR,
      priceCheckPolicy: env.PRICE_CHECK_POLICY,
      editWindowMs: Math.round(env.ORDER_EDIT_WINDOW_HOURS * 3_600_000),
    },
    limits: { documentsPerUserPerHour: env.DOCUMENTS_PER_USER_PER_HOUR },
    mappingSandbox: {
      deadlineMs: env.MAPPING_DEADLINE_MS,
      memoryMb: env.MAPPING_MEMORY_MB,
      poolSize: env.MAPPING_POOL_SIZE,
      maxOutputChars: env.MAPPING_MAX_OUTPUT_KB * 1024,
      previewPerMinute: env.MAPPING_PREVIEW_PER_MINUTE,
    },
    auth: {
      sessionIdleDays: env.SESSION_IDLE_DAYS,
      sessionMaxDays: env.SESSION_MAX_DAYS,
      secretKey: env.SATCHEL_SECRET_KEY,
      demoUsers: env.DEMO_USERS === 'auto' ? zoho.sandbox && env.NODE_ENV !== 'production' : env.DEMO_USERS === 'true',
      secureCookies: publicUrl.startsWith('https://'),
      throttle: {
        windowMs: env.SIGN_IN_WINDOW,
        maxPerAccount: env.SIGN_IN_MAX_PER_ACCOUNT,
        maxPerAddress: env.SIGN_IN_MAX_PER_ADDRESS,
        maxPerMinute: env.SIGN_IN_MAX_PER_MINUTE,
      },
      hashing: { maxConcurrent: env.SIGN_IN_HASH_CONCURRENCY, maxQueued: env.SIGN_IN_HASH_QUEUE, maxWaitMs: env.SIGN_IN_HASH_WAIT },
    },
  };
}
