/**
 * The production topology, natively on this machine: PostgreSQL (the machine's), Temporal's schema
 * set up and upgraded by temporal-sql-tool, the Temporal server's four services as separate
 * processes from config/temporal/server.yaml, the namespace and search attributes, Temporal's Web
 * UI (config/temporal/ui.yaml), two hubs and two workers with NODE_ENV=production on a PostgreSQL
 * database of their own, the Zoho sandbox and mail catcher as `npm start` runs them, and Caddy in
 * front with config/Caddyfile. The same config files as docker-compose.yml: only ports and hosts
 * differ (environment). Used by `npm run stack:prod` and by the production drills, which kill and
 * restart single processes of it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { Connection } from '@temporalio/client';
import { SANDBOX_DEMO } from '../../config';
import { ensureNamespace } from '../../workflows/namespace-setup';

const ROOT = path.resolve(__dirname, '../..');

/** What ensureTemporalServer() (scripts/lib/toolchain.cjs) built. */
export interface TemporalBinaries {
  server: { version: string; server: string; sqlTool: string; schemaDir: string };
  ui: { version: string; server: string };
}

export interface TopologyPorts {
  proxy: number;
  proxyAdmin: number;
  hubs: number[];
  workerMetrics: number[];
  sandbox: number;
  mailWeb: number;
  mailSmtp: number;
  ui: number;
  /** frontend gRPC; the other Temporal ports are derived from `temporalPorts`. */
  temporal: { frontend: number; frontendHttp: number; history: number; matching: number; worker: number; membership: number[] };
}

/** `npm run stack:prod`'s ports: clear of the dev stack's (3000, 3100, 7233, 8233, 8025, 1025) and of ports browsers refuse. */
export const DEFAULT_PORTS: TopologyPorts = {
  proxy: 3500,
  proxyAdmin: 3519,
  hubs: [3501, 3502],
  workerMetrics: [3521, 3522],
  sandbox: 3510,
  mailWeb: 3511,
  mailSmtp: 3512,
  ui: 3533,
  temporal: { frontend: 7433, frontendHttp: 7443, history: 7434, matching: 7435, worker: 7439, membership: [6433, 6434, 6435, 6439] },
};

export interface TopologyOptions {
  binaries: TemporalBinaries;
  ports?: TopologyPorts;
  /** PostgreSQL as an admin (creates databases): DATABASE_URL's server, default the machine's. */
  postgresUrl?: string;
  /** Database names start with it: never `test` or anything else on the server. */
  databasePrefix?: string;
  /** Secrets, the sandbox's state, Caddy's data. Kept between runs. */
  dataDir: string;
  /** Each line every process prints, with its name. */
  log?: (name: string, line: string) => void;
  /** A progress line per step. */
  step?: (what: string) => void;
  /** Extra environment for hubs and workers (e.g. a Zoho sandbox whose minute is compressed). */
  appEnv?: Record<string, string>;
}

type ProcessSpec = {
  command: string;
  args: string[];
  env: Record<string, string>;
  ready?: () => Promise<void>;
  /** Output to this file instead of the log (the Temporal server's services are verbose). */
  logFile?: string;
};

export interface TopologyProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export class Topology {
  readonly processes = new Map<string, TopologyProcess>();
  private readonly specs = new Map<string, ProcessSpec>();
  private stopping = false;

  constructor(
    readonly options: Required<Omit<TopologyOptions, 'appEnv'>> & { appEnv: Record<string, string> },
    readonly databases: { temporal: string; visibility: string; satchel: string },
    readonly secrets: { secretKey: string; metricsToken: string },
  ) {}

  get ports(): TopologyPorts {
    return this.options.ports;
  }
  get proxyUrl(): string {
    return `http://127.0.0.1:${this.ports.proxy}`;
  }
  get sandboxUrl(): string {
    return `http://127.0.0.1:${this.ports.sandbox}`;
  }
  get mailUrl(): string {
    return `http://127.0.0.1:${this.ports.mailWeb}`;
  }
  get temporalAddress(): string {
    return `127.0.0.1:${this.ports.temporal.frontend}`;
  }
  get satchelDatabaseUrl(): string {
    return databaseUrl(this.options.postgresUrl, this.databases.satchel);
  }
  /** The process names, in start order: temporal-history ... proxy. */
  get names(): string[] {
    return [...this.specs.keys()];
  }

  define(name: string, spec: ProcessSpec): void {
    this.specs.set(name, spec);
  }

  /** Start (or start again) one process and wait until it is ready. */
  async start(name: string): Promise<TopologyProcess> {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`no process ${name} in the topology`);
    const child = spawn(spec.command, spec.args, { cwd: ROOT, env: { ...process.env, ...spec.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (spec.logFile) {
      fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
      const out = fs.createWriteStream(spec.logFile, { flags: 'a' });
      // Two streams into one file: neither may end it (the other would write after its end).
      child.stdout!.pipe(out, { end: false });
      child.stderr!.pipe(out, { end: false });
      child.once('close', () => out.end());
    } else {
      for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (line) => this.options.log(name, line));
    }
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const entry = { name, child, exited };
    this.processes.set(name, entry);
    void exited.then(({ code, signal }) => {
      if (!this.stopping && this.processes.get(name) === entry) this.options.log(name, `exited (${code ?? signal})`);
    });
    if (spec.ready) {
      const died = exited.then(({ code, signal }) => {
        throw new Error(`${name} exited (${code ?? signal}) before it was ready`);
      });
      await Promise.race([spec.ready(), died]);
      void died.catch(() => undefined);
    }
    return entry;
  }

  /** SIGKILL the process's whole group (a crash: no shutdown hooks), and wait until it is gone. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.processes.get(name);
    if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
    signalGroup(p.child.pid!, signal);
    const timer = setTimeout(() => signalGroup(p.child.pid!, 'SIGKILL'), 15_000);
    await p.exited;
    clearTimeout(timer);
    signalGroup(p.child.pid!, 'SIGKILL'); // whatever it left in its group (Chromium)
  }

  /** From now on, start the Temporal services from this server binary (an upgrade rolls them one by one). */
  useTemporalServer(binary: string): void {
    for (const [name, spec] of this.specs) if (name.startsWith('temporal-') && name !== 'temporal-ui') spec.command = binary;
  }

  /**
   * From now on, start the workers from another build of Satchel (a checkout at `root`, its
   * workflows bundled by itself, `bundle` if given): a rolling deployment of a new build.
   */
  useWorkerBuild(root: string, bundle?: string): void {
    for (const [name, spec] of this.specs) {
      if (!name.startsWith('worker-')) continue;
      spec.args = ['--import', 'tsx', path.join(root, 'workflows/main.ts')];
      spec.env = { ...spec.env, WORKFLOW_BUNDLE: bundle ?? '' };
    }
  }

  /** A graceful stop (SIGTERM) and a start again: a rolling restart of one process. */
  async restart(name: string): Promise<void> {
    await this.kill(name, 'SIGTERM');
    await this.start(name);
  }

  /** Everything down, in reverse start order; nothing persistent is removed. */
  async stop(): Promise<void> {
    this.stopping = true;
    const temporal = (n: string) => n.startsWith('temporal-') && n !== 'temporal-ui';
    // What uses Temporal first, one by one (proxy, workers, hubs...); then its services together (each drains for seconds).
    for (const name of this.names.filter((n) => !temporal(n)).reverse()) await this.kill(name, 'SIGTERM');
    await Promise.all(this.names.filter(temporal).map((n) => this.kill(n, 'SIGTERM')));
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function waitForPort(port: number, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: string;
    try {
      const r = await fetch(url);
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs / 1000} s (${last})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A secret kept in the data directory, made on first use. */
function keptSecret(dataDir: string, name: string, make: () => string): string {
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const value = make();
  fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/** temporal-sql-tool against one database: create it, set up the versioning tables, apply every versioned step. */
function sqlTool(binaries: TemporalBinaries, adminUrl: string, database: string, args: string[]): { status: number | null; output: string } {
  const u = new URL(adminUrl);
  const r = spawnSync(
    binaries.server.sqlTool,
    [
      '--plugin',
      'postgres12',
      '--ep',
      u.hostname,
      '-p',
      u.port || '5432',
      '-u',
      decodeURIComponent(u.username || 'postgres'),
      ...(u.password ? ['--pw', decodeURIComponent(u.password)] : []),
      '--db',
      database,
      ...args,
    ],
    { encoding: 'utf8' },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export function setUpTemporalSchema(binaries: TemporalBinaries, adminUrl: string, databases: { temporal: string; visibility: string }): void {
  for (const [db, dir] of [
    [databases.temporal, 'temporal'],
    [databases.visibility, 'visibility'],
  ] as const) {
    const created = sqlTool(binaries, adminUrl, db, ['create']);
    if (created.status !== 0 && !/already exists/.test(created.output)) throw new Error(`temporal-sql-tool create ${db}:\n${created.output}`);
    for (const args of [
      ['setup-schema', '-v', '0.0'],
      ['update-schema', '-d', path.join(binaries.server.schemaDir, dir, 'versioned')],
    ]) {
      const r = sqlTool(binaries, adminUrl, db, args);
      if (r.status !== 0) throw new Error(`temporal-sql-tool ${args[0]} ${db}:\n${r.output}`);
    }
  }
}

/** How this machine's Caddy buffers request bodies for retries: `request_buffers` since 2.7, `buffer_requests` before (Debian's 2.6). */
export function requestBuffering(): string {
  const version = /v?(\d+)\.(\d+)/.exec(spawnSync('caddy', ['version'], { encoding: 'utf8' }).stdout ?? '');
  const [major, minor] = version ? [Number(version[1]), Number(version[2])] : [2, 7];
  return major > 2 || (major === 2 && minor >= 7) ? 'request_buffers 4MiB' : 'buffer_requests';
}

/** Satchel's own database (hubs and workers): created once, migrated by the first hub's start. */
function createDatabase(binaries: TemporalBinaries, adminUrl: string, database: string): void {
  const r = sqlTool(binaries, adminUrl, database, ['create']);
  if (r.status !== 0 && !/already exists/.test(r.output)) throw new Error(`create database ${database}:\n${r.output}`);
}

const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;

/** Define every process of the topology (nothing runs yet). */
export function defineTopology(input: TopologyOptions): Topology {
  const ports = input.ports ?? DEFAULT_PORTS;
  const prefix = input.databasePrefix ?? 'satchel_prod';
  const options = {
    binaries: input.binaries,
    ports,
    postgresUrl: input.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    databasePrefix: prefix,
    dataDir: input.dataDir,
    log: input.log ?? ((name: string, line: string) => process.stdout.write(`[${name}] ${line}\n`)),
    step: input.step ?? ((what: string) => process.stdout.write(`${what}\n`)),
    appEnv: input.appEnv ?? {},
  };
  fs.mkdirSync(options.dataDir, { recursive: true });
  const random = () => crypto.randomBytes(32).toString('base64');
  const secrets = { secretKey: keptSecret(options.dataDir, 'secret-key', random), metricsToken: keptSecret(options.dataDir, 'metrics-token', random) };
  const databases = { temporal: `${prefix}_temporal`, visibility: `${prefix}_temporal_visibility`, satchel: prefix };
  const t = new Topology(options, databases, secrets);
  const pg = new URL(options.postgresUrl);
  const tp = ports.temporal;

  // The Temporal server: one process per service, all from config/temporal/server.yaml.
  const temporalEnv = {
    TEMPORAL_SERVER_CONFIG_FILE_PATH: path.join(ROOT, 'config', 'temporal', 'server.yaml'),
    DYNAMIC_CONFIG_FILE_PATH: path.join(ROOT, 'config', 'temporal', 'dynamic.yaml'),
    TEMPORAL_ALLOW_NO_AUTH: 'true',
    POSTGRES_SEEDS: pg.hostname,
    DB_PORT: pg.port || '5432',
    POSTGRES_USER: decodeURIComponent(pg.username || 'postgres'),
    POSTGRES_PWD: decodeURIComponent(pg.password),
    DBNAME: databases.temporal,
    VISIBILITY_DBNAME: databases.visibility,
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(tp.frontend),
    FRONTEND_HTTP_PORT: String(tp.frontendHttp),
    HISTORY_GRPC_PORT: String(tp.history),
    MATCHING_GRPC_PORT: String(tp.matching),
    WORKER_GRPC_PORT: String(tp.worker),
    FRONTEND_MEMBERSHIP_PORT: String(tp.membership[0]),
    HISTORY_MEMBERSHIP_PORT: String(tp.membership[1]),
    MATCHING_MEMBERSHIP_PORT: String(tp.membership[2]),
    WORKER_MEMBERSHIP_PORT: String(tp.membership[3]),
    LOG_LEVEL: 'warn',
  };
  // Ready: the frontend when it takes gRPC calls; the others when they are in the membership ring
  // (the worker service opens no gRPC port in every release).
  const readyPort = { frontend: tp.frontend, history: tp.membership[1]!, matching: tp.membership[2]!, worker: tp.membership[3]! };
  for (const service of TEMPORAL_SERVICES) {
    t.define(`temporal-${service}`, {
      command: options.binaries.server.server,
      args: ['start', '--service', service],
      env: temporalEnv,
      logFile: path.join(options.dataDir, 'logs', `temporal-${service}.log`),
      ready: () => waitForPort(readyPort[service], `Temporal ${service}`),
    });
  }

  t.define('temporal-ui', {
    command: options.binaries.ui.server,
    args: ['--root', ROOT, '--config', 'config/temporal', '--env', 'ui', 'start'],
    logFile: path.join(options.dataDir, 'logs', 'temporal-ui.log'),
    env: {
      TEMPORAL_ADDRESS: t.temporalAddress,
      TEMPORAL_UI_HOST: '127.0.0.1',
      TEMPORAL_UI_PORT: String(ports.ui),
      TEMPORAL_DEFAULT_NAMESPACE: 'satchel',
      TEMPORAL_CSRF_COOKIE_INSECURE: 'true',
      TEMPORAL_CORS_ORIGINS: t.proxyUrl,
    },
    ready: () => waitForPort(ports.ui, 'Temporal UI'),
  });

  const tsx = (file: string) => ({ command: process.execPath, args: ['--import', 'tsx', path.join(ROOT, file)] });
  t.define('zoho-sandbox', {
    ...tsx('zoho/sandbox/server.ts'),
    env: { NODE_ENV: 'development', ZOHO_SANDBOX_PORT: String(ports.sandbox), ZOHO_SANDBOX_STATE_FILE: path.join(options.dataDir, 'zoho-sandbox.json') },
    ready: () => waitForPort(ports.sandbox, 'Zoho sandbox'),
  });
  t.define('mail', {
    ...tsx('devservices/mail-catcher/server.ts'),
    env: { NODE_ENV: 'development', MAIL_CATCHER_SMTP_PORT: String(ports.mailSmtp), MAIL_CATCHER_WEB_PORT: String(ports.mailWeb) },
    ready: () => waitForPort(ports.mailWeb, 'mail catcher'),
  });

  // Hubs and workers as in the compose file: NODE_ENV=production, JSON logs, PostgreSQL, the real
  // Temporal. Zoho is the sandbox, named with its demo credentials as a real organization would be.
  const appEnv = {
    NODE_ENV: 'production',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    DATA_DIR: options.dataDir,
    DATABASE_URL: t.satchelDatabaseUrl,
    SATCHEL_SECRET_KEY: secrets.secretKey,
    METRICS_TOKEN: secrets.metricsToken,
    TEMPORAL_ADDRESS: t.temporalAddress,
    TEMPORAL_NAMESPACE: 'satchel',
    TEMPORAL_UI_URL: `${t.proxyUrl}/temporal`,
    PUBLIC_URL: t.proxyUrl,
    ZOHO_CLIENT_ID: SANDBOX_DEMO.clientId,
    ZOHO_CLIENT_SECRET: SANDBOX_DEMO.clientSecret,
    ZOHO_REFRESH_TOKEN: SANDBOX_DEMO.refreshToken,
    ZOHO_ORGANIZATION_ID: SANDBOX_DEMO.organizationId,
    ZOHO_ACCOUNTS_URL: t.sandboxUrl,
    ZOHO_API_URL: t.sandboxUrl,
    SMTP_URL: `smtp://127.0.0.1:${ports.mailSmtp}`,
    // The demo accounts (public passwords): this topology runs against the sandbox, on loopback only.
    DEMO_USERS: 'true',
    HOST: '127.0.0.1',
    TRUST_PROXY: 'loopback',
    ...options.appEnv,
  };
  ports.hubs.forEach((port, i) => {
    t.define(`hub-${i + 1}`, { ...tsx('hub/server.ts'), env: { ...appEnv, PORT: String(port) }, ready: () => waitForHttp(`http://127.0.0.1:${port}/readyz`) });
  });
  ports.workerMetrics.forEach((port, i) => {
    t.define(`worker-${i + 1}`, {
      ...tsx('workflows/main.ts'),
      env: { ...appEnv, WORKER_METRICS_HOST: '127.0.0.1', WORKER_METRICS_PORT: String(port) },
      ready: () => waitForHttp(`http://127.0.0.1:${port}/healthz`),
    });
  });

  const caddyDir = path.join(options.dataDir, 'caddy');
  t.define('proxy', {
    command: 'caddy',
    args: ['run', '--config', path.join(ROOT, 'config', 'Caddyfile'), '--adapter', 'caddyfile'],
    env: {
      SATCHEL_SITE_ADDRESS: `http://:${ports.proxy}`,
      SATCHEL_PROXY_BIND: 'bind 127.0.0.1',
      SATCHEL_PROXY_REQUEST_BUFFERS: requestBuffering(),
      SATCHEL_PROXY_ADMIN: `127.0.0.1:${ports.proxyAdmin}`,
      SATCHEL_HUB_UPSTREAMS: `to ${ports.hubs.map((p) => `127.0.0.1:${p}`).join(' ')}`,
      SATCHEL_TEMPORAL_UI_UPSTREAM: `127.0.0.1:${ports.ui}`,
      XDG_DATA_HOME: caddyDir,
      XDG_CONFIG_HOME: caddyDir,
    },
    ready: () => waitForHttp(`${t.proxyUrl}/healthz`),
  });
  return t;
}

/** Bring the whole topology up, one progress line per step. */
export async function startTopology(input: TopologyOptions): Promise<Topology> {
  const t = defineTopology(input);
  const { step, binaries, postgresUrl } = t.options;
  try {
    step(
      `PostgreSQL ${new URL(postgresUrl).host}: Temporal's schema (${t.databases.temporal}, ${t.databases.visibility}) set up and upgraded to ${binaries.server.version}`,
    );
    setUpTemporalSchema(binaries, postgresUrl, t.databases);
    createDatabase(binaries, postgresUrl, t.databases.satchel);
    for (const service of TEMPORAL_SERVICES) {
      step(`Temporal ${service} service (${binaries.server.version}; log in ${path.relative(ROOT, path.join(t.options.dataDir, 'logs'))}/)`);
      await t.start(`temporal-${service}`);
    }
    step('namespace satchel and its search attributes');
    const connection = await Connection.connect({ address: t.temporalAddress });
    try {
      await ensureNamespace(connection, 'satchel');
    } finally {
      await connection.close();
    }
    for (const name of t.names.filter((n) => !n.startsWith('temporal-') || n === 'temporal-ui')) {
      step(name === 'proxy' ? `proxy (Caddy) on ${t.proxyUrl}` : name);
      await t.start(name);
    }
    return t;
  } catch (err) {
    await t.stop();
    throw err;
  }
}
