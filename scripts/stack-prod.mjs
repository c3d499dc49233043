#!/usr/bin/env node
// `npm run stack:prod`: the production topology of docker-compose.yml, run natively on this
// machine (no Docker engine needed): the real Temporal server on PostgreSQL, its services as
// separate processes, the Web UI behind Satchel's sign-in, two hubs and two workers behind Caddy.
// The Temporal server, temporal-sql-tool and the UI server are built once with Go (pinned to the
// compose file's versions, cached in .tools/). Ctrl-C or SIGTERM stops everything; databases and
// data/prod/ stay (`--reset` drops them first). See scripts/lib/production-topology.ts and the
// README's Production section.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bootstrap } from './bootstrap.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { ensureTemporalServer, stepLine } = require('./lib/toolchain.cjs');
const say = (msg) => console.log(`[stack:prod] ${msg}`);
const fail = (msg) => {
  console.error(`[stack:prod] ${msg}`);
  process.exit(1);
};

if (process.argv.includes('--help')) {
  console.log('npm run stack:prod [-- --reset]   the production topology on this machine; Ctrl-C stops it (--reset: drop its databases and data/prod first)');
  process.exit(0);
}

try {
  bootstrap({ temporalCli: false });
} catch (err) {
  fail(err.message);
}
let binaries;
try {
  binaries = ensureTemporalServer({ log: say, step: stepLine('[stack:prod] ') });
} catch (err) {
  fail(err.message);
}
if (!binaries) fail('the production topology needs the real Temporal server: install Go (it is built once into .tools/).');

// As CommonJS (tsx's require): the module finds the config files from its own __dirname, as under Jest.
const { require: tsRequire } = await import('tsx/cjs/api');
const { startTopology, DEFAULT_PORTS, databaseUrl } = tsRequire('./lib/production-topology.ts', import.meta.url);

// DATABASE_URL names the PostgreSQL server to use (its database is not touched: ours are satchel_prod*).
const postgresUrl = process.env.DATABASE_URL ? databaseUrl(process.env.DATABASE_URL, 'postgres') : 'postgres://postgres@127.0.0.1:5432/postgres';
const dataDir = path.join(ROOT, 'data', 'prod');

if (process.argv.includes('--reset')) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  for (const db of ['satchel_prod', 'satchel_prod_temporal', 'satchel_prod_temporal_visibility']) {
    await client.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
  await client.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
  say('dropped satchel_prod* and data/prod/');
}

let topology;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  await topology?.stop();
  say('stopped (databases and data/prod/ kept).');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  topology = await startTopology({
    binaries: { server: binaries.server, ui: binaries.ui },
    postgresUrl,
    dataDir,
    step: (what) => say(`${what}...`),
  });
} catch (err) {
  console.error(`[stack:prod] ${err.message}`);
  await shutdown(1);
}

const p = DEFAULT_PORTS;
console.log(`
The production topology is running. Ctrl-C stops everything.

  Satchel (through Caddy)     ${topology.proxyUrl}/          (hubs on ${p.hubs.join(', ')}: loopback, behind the proxy)
  Console (support, admin)    ${topology.proxyUrl}/console/
  Temporal Web UI (read-only) ${topology.proxyUrl}/temporal/  (support or admin session only)
  Temporal frontend (gRPC)    ${topology.temporalAddress}
  Zoho sandbox                ${topology.sandboxUrl}/
  Mail catcher                ${topology.mailUrl}/
  PostgreSQL databases        ${Object.values(topology.databases).join(', ')}

  Demo accounts: rep@satchel.local / satchel-rep-demo, support@satchel.local / satchel-support-demo.
`);
