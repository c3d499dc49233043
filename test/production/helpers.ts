/**
 * The production topology for the drills (scripts/lib/production-topology.ts, as `npm run
 * stack:prod` runs it) on free ports, a database prefix of its own and a temporary data directory,
 * plus what every drill does with it: sign in through the proxy, send orders as a device does, wait
 * for them to be done, and check that each is in Zoho (the sandbox) once and was emailed once.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Sequelize } from 'sequelize';
import { documentNumber, type OrderInput } from '../../domain';
import { CSRF_VALUE } from '../../hub/auth';
import { sandboxFixtures } from '../../zoho/sandbox/seed';
import { startTopology, type TemporalBinaries, type Topology, type TopologyPorts } from '../../scripts/lib/production-topology';
import { sampleOrder } from '../support/orders';
import { freePort } from '../support/processes';
import { bundleWorkflows, eventually } from '../support/temporal';
import { POSTGRES_ADMIN_URL } from '../support/databases';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { findTemporalServer, findPreviousTemporalServer } = require('../../scripts/lib/toolchain.cjs') as {
  findTemporalServer(): TemporalBinaries | undefined;
  findPreviousTemporalServer(): TemporalBinaries['server'] | undefined;
};

const ROOT = path.resolve(__dirname, '../..');

/**
 * The last build that landed before the order workflow's patched() steps (local database steps,
 * revisions): what production runs when this build rolls out. Never change it to a later commit
 * unless a new patch is being drilled.
 */
export const BUILD_BEFORE_PATCHES = '5ed393d460ac88bd7e80c20584488ecb302c0fb6';

/**
 * That build as a checkout of its own (from this repository's history, into .tools/builds/), with
 * this checkout's node_modules and its workflow bundle built by its own code; or why it cannot be.
 */
export function previousBuild(commit = BUILD_BEFORE_PATCHES): { root: string; bundle: string } | { why: string } {
  if (spawnSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: ROOT }).status !== 0)
    return { why: `commit ${commit.slice(0, 12)} is not in this clone's history (a shallow clone?)` };
  const root = path.join(ROOT, '.tools', 'builds', commit.slice(0, 12));
  if (!fs.existsSync(path.join(root, 'workflows', 'main.ts'))) {
    const tmp = `${root}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const unpacked = spawnSync('sh', ['-c', `git archive ${commit} | tar -x -C '${tmp}'`], { cwd: ROOT, encoding: 'utf8' });
    if (unpacked.status !== 0) return { why: `git archive ${commit.slice(0, 12)} failed: ${unpacked.stderr}` };
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'));
    fs.renameSync(tmp, root);
  }
  const bundle = path.join(root, 'workflow-bundle.js');
  if (!fs.existsSync(bundle)) {
    const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'workflows', 'bundle-cli.ts'), bundle], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) return { why: `the previous build's workflow bundle failed: ${built.stderr.slice(-500)}` };
  }
  return { root, bundle };
}

/** Why the drills cannot run here (no server build, no Caddy), or undefined. */
export function whyNotRunnable(): string | undefined {
  if (!findTemporalServer()) return 'the real Temporal server is not built (needs Go: the test setup builds it into .tools/)';
  if (spawnSync('caddy', ['version']).status !== 0) return 'no caddy binary (apt-get install caddy)';
  return undefined;
}

/**
 * A free port below 32768: Temporal stores its services' membership ports in a PostgreSQL
 * smallint (a port the kernel hands out for port 0 is often above that).
 */
async function freeLowPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + crypto.randomInt(12_000);
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function freePorts(): Promise<TopologyPorts> {
  const next = () => freePort();
  const low = () => freeLowPort();
  return {
    proxy: await next(),
    proxyAdmin: await next(),
    hubs: [await next(), await next()],
    workerMetrics: [await next(), await next()],
    sandbox: await next(),
    mailWeb: await next(),
    mailSmtp: await next(),
    ui: await next(),
    temporal: {
      frontend: await low(),
      frontendHttp: await low(),
      history: await low(),
      matching: await low(),
      worker: await low(),
      membership: [await low(), await low(), await low(), await low()],
    },
  };
}

export interface Drills {
  topology: Topology;
  /** Process output, for the failure message of a drill. */
  output: string[];
  rep: string;
  support: string;
  /** This build: its checkout and the workflow bundle its workers start from. */
  build: { root: string; bundle: string };
  close(): Promise<void>;
}

/** `binaries`: another server build to start on (the upgrade drill's previous release). */
export async function startDrillTopology(binaries: TemporalBinaries = findTemporalServer()!): Promise<Drills> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-prod-drill-'));
  // One workflow bundle for every worker start (each would otherwise bundle for ~15 s of CPU).
  const bundle = path.join(dataDir, 'workflow-bundle.js');
  fs.writeFileSync(bundle, (await bundleWorkflows()).code);
  const output: string[] = [];
  const prefix = `satchel_drill_${crypto.randomBytes(4).toString('hex')}`;
  const dropDatabases = async (names: string[]) => {
    const admin = new Sequelize(POSTGRES_ADMIN_URL, { logging: false });
    for (const db of names) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.close();
  };
  const names = [prefix, `${prefix}_temporal`, `${prefix}_temporal_visibility`];
  let topology: Topology;
  try {
    topology = await startTopology({
      binaries,
      ports: await freePorts(),
      postgresUrl: POSTGRES_ADMIN_URL,
      databasePrefix: prefix,
      dataDir,
      log: (name, line) => output.push(`[${name}] ${line}`),
      step: () => undefined,
      appEnv: { WORKFLOW_BUNDLE: bundle, DOCUMENTS_PER_USER_PER_HOUR: '100000', ZOHO_REQUESTS_PER_MINUTE: '100' },
    });
  } catch (err) {
    // Its databases go; its logs stay for the failure (the Temporal services log to files).
    await dropDatabases(names);
    throw new Error(`${(err as Error).message} (logs in ${path.join(dataDir, 'logs')})`, { cause: err });
  }
  const rep = await signIn(topology, 'rep@satchel.local', 'satchel-rep-demo');
  const support = await signIn(topology, 'support@satchel.local', 'satchel-support-demo');
  return {
    topology,
    output,
    rep,
    support,
    build: { root: ROOT, bundle },
    close: async () => {
      await topology.stop();
      await dropDatabases(names);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A session cookie (`satchel_session=...`), signed in through the proxy. */
export async function signIn(t: Topology, email: string, password: string): Promise<string> {
  const r = await fetch(`${t.proxyUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': CSRF_VALUE },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${email} through the proxy: HTTP ${r.status} ${await r.text()}`);
  return r.headers.getSetCookie()[0]!.split(';')[0]!;
}

const fx = sandboxFixtures();

/** A valid order for the sandbox's demo organization. */
export function demoOrder(): OrderInput {
  return sampleOrder({
    customer: { zohoContactId: fx.customer.contact_id, name: fx.customer.contact_name },
    lines: fx.items.slice(0, 2).map((item, n) => ({ itemId: item.item_id, name: item.name, quantity: n + 1, unitPrice: 1000 + n })),
  });
}

/** The rep's app sending one order through the proxy. */
export async function sendOrder(d: Drills, order: OrderInput): Promise<void> {
  const r = await fetch(`${d.topology.proxyUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': CSRF_VALUE, cookie: d.rep },
    body: JSON.stringify(order),
  });
  if (r.status !== 201) throw new Error(`POST /api/orders: HTTP ${r.status} ${await r.text()}`);
}

interface SandboxState {
  salesorders: Array<{ salesorder_number: string }>;
  stats: { recent: Array<{ method: string; path: string; status: number | 'dropped' }> };
}

export async function sandboxState(t: Topology): Promise<SandboxState> {
  return (await fetch(`${t.sandboxUrl}/__sandbox/state`)).json() as Promise<SandboxState>;
}

/** The sandbox's fault settings (`{ latencyMs, match }`), or none. */
export async function setZohoFaults(t: Topology, faults?: Record<string, unknown>): Promise<void> {
  const r = faults
    ? await fetch(`${t.sandboxUrl}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })
    : await fetch(`${t.sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
  if (!r.ok) throw new Error(`sandbox faults: HTTP ${r.status}`);
}

export const SALES_ORDER_CREATE = '^POST /inventory/v1/salesorders$';

/** A sales-order create is in Zoho's hands and not yet answered. */
export async function untilCreateInFlight(t: Topology): Promise<void> {
  await eventually(
    async () =>
      (await sandboxState(t)).stats.recent.some((r) => r.method === 'POST' && r.path === '/salesorders' && r.status === 'dropped') ? true : undefined,
    { what: 'a sales-order create to be in flight', timeoutMs: 60_000, intervalMs: 50 },
  );
}

/** Every order `done` as support sees it in the console's API. */
export async function untilDone(d: Drills, ids: string[], timeoutMs = 180_000): Promise<void> {
  const pending = new Set(ids);
  await eventually(
    async () => {
      for (const id of [...pending]) {
        const r = await fetch(`${d.topology.proxyUrl}/api/orders/${id}`, { headers: { cookie: d.support } }).catch(() => undefined);
        const stage = r?.ok ? ((await r.json()) as { order?: { stage?: string } }).order?.stage : undefined;
        if (stage === 'done') pending.delete(id);
      }
      return pending.size === 0 ? true : undefined;
    },
    { what: `${pending.size} of ${ids.length} orders to be done`, timeoutMs, intervalMs: 500 },
  );
}

/** Exactly once: one sales order in Zoho and one email per order, none missing, none twice. */
export async function expectOnceInZohoAndMail(d: Drills, ids: string[]): Promise<void> {
  const numbers = ids.map((id) => documentNumber('order', id));
  const { salesorders } = await sandboxState(d.topology);
  const mails = ((await (await fetch(`${d.topology.mailUrl}/api/messages`)).json()) as { messages: Array<{ subject: string }> }).messages;
  const count = (n: string) => ({
    number: n,
    inZoho: salesorders.filter((so) => so.salesorder_number === n).length,
    emails: mails.filter((m) => m.subject.includes(n)).length,
  });
  expect(numbers.map(count)).toEqual(numbers.map((number) => ({ number, inZoho: 1, emails: 1 })));
}

/** Every PostgreSQL connection of the topology's three databases cut (what a PostgreSQL restart does to them), as superuser. */
export async function dropDatabaseConnections(t: Topology): Promise<number> {
  const admin = new Sequelize(POSTGRES_ADMIN_URL, { logging: false });
  try {
    const [rows] = await admin.query('SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname IN (:names) AND pid <> pg_backend_pid()', {
      replacements: { names: Object.values(t.databases) },
    });
    return (rows as unknown[]).length;
  } finally {
    await admin.close();
  }
}
