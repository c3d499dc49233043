#!/usr/bin/env node
// `npm start`: the whole system on embedded defaults, in one process tree that Ctrl-C stops.
// Temporal dev server (Web UI), Zoho sandbox, mail catcher, the worker and the hub; each one
// is skipped when configuration points at a real one (TEMPORAL_ADDRESS or TEMPORAL_CONFIG_FILE, ZOHO_*, SMTP_URL).
import fs from 'node:fs';
import path from 'node:path';
import { bootstrap } from './bootstrap.mjs';
import { portInUse, Supervisor, waitForHttp, waitForPort } from './lib/processes.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const say = (msg) => console.log(`[start] ${msg}`);
const fail = (msg) => {
  console.error(`[start] ${msg}`);
  process.exit(1);
};

// A .env file beside package.json is read first (variables already set win).
if (fs.existsSync(path.join(ROOT, '.env'))) process.loadEnvFile(path.join(ROOT, '.env'));

let tools;
try {
  tools = bootstrap();
} catch (err) {
  fail(err.message);
}

const { tsImport } = await import('tsx/esm/api');
const load = (file) => tsImport(path.join(ROOT, file), import.meta.url);
const { loadConfig } = await load('config/index.ts');
const { searchAttributeCliArgs } = await load('workflows/search-attributes.ts');
const { parse: parseYaml } = await import('yaml');

let config;
try {
  config = loadConfig();
} catch (err) {
  fail(err.message);
}
fs.mkdirSync(config.dataDir, { recursive: true });

const ts = (file) => [process.execPath, ['--import', 'tsx', path.join(ROOT, file)]];
const supervisor = new Supervisor({
  onUnexpectedExit: (name, how) => {
    console.error(`[start] ${name} stopped unexpectedly (${how}); stopping everything.`);
    void shutdown(1);
  },
});

let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  say('stopping...');
  await supervisor.stop();
  say('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

/** config/temporal/dynamic.yaml → --dynamic-config-value key=<json> (first value of each key). */
function dynamicConfigArgs() {
  const doc = parseYaml(fs.readFileSync(path.join(ROOT, 'config', 'temporal', 'dynamic.yaml'), 'utf8')) ?? {};
  return Object.entries(doc).flatMap(([key, values]) => ['--dynamic-config-value', `${key}=${JSON.stringify(values[0].value)}`]);
}

async function ensureFree(port, what, variable) {
  if (await portInUse(port)) fail(`port ${port} (${what}) is already in use: stop what runs there, or set ${variable} to another port.`);
}

const urls = [];
// A Temporal named by address or by a profile file (Temporal Cloud) is used as is; otherwise we run one.
const ownTemporal = !process.env.TEMPORAL_ADDRESS && !process.env.TEMPORAL_CONFIG_FILE;
if (ownTemporal) {
  if (!tools.temporal) fail('no Temporal CLI: install Go (to build it once) or set TEMPORAL_CLI_PATH.');
  const temporalPort = Number(config.temporal.address.split(':').pop());
  const uiPort = Number(new URL(config.temporal.uiUrl).port);
  await ensureFree(temporalPort, 'Temporal', 'TEMPORAL_PORT');
  await ensureFree(uiPort, 'Temporal Web UI', 'TEMPORAL_UI_PORT');
  supervisor.start('temporal', tools.temporal, [
    'server',
    'start-dev',
    '--db-filename',
    path.join(config.dataDir, 'temporal.db'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(temporalPort),
    '--ui-port',
    String(uiPort),
    '--namespace',
    config.temporal.namespace,
    '--log-level',
    'error',
    ...searchAttributeCliArgs(),
    ...dynamicConfigArgs(),
  ]);
  urls.push(['Temporal Web UI', config.temporal.uiUrl]);
}

if (config.zoho.sandbox && !process.env.ZOHO_ACCOUNTS_URL && !process.env.ZOHO_API_URL) {
  const port = Number(new URL(config.zoho.apiDomain).port);
  await ensureFree(port, 'Zoho sandbox', 'ZOHO_SANDBOX_PORT');
  supervisor.start('zoho', ...ts('zoho/sandbox/server.ts'), {
    env: { ZOHO_SANDBOX_STATE_FILE: path.join(config.dataDir, 'zoho-sandbox.json') },
  });
  urls.push(['Zoho sandbox (what is "in Zoho")', `http://localhost:${port}/`]);
}

if (config.mail.catcher) {
  await ensureFree(config.mail.catcherSmtpPort, 'mail catcher SMTP', 'MAIL_CATCHER_SMTP_PORT');
  await ensureFree(config.mail.catcherWebPort, 'mail catcher web', 'MAIL_CATCHER_WEB_PORT');
  supervisor.start('mail', ...ts('devservices/mail-catcher/server.ts'));
  urls.push(['Mail catcher', `http://localhost:${config.mail.catcherWebPort}/`]);
}

await ensureFree(config.port, 'hub', 'PORT');
try {
  if (ownTemporal) await waitForPort(Number(config.temporal.address.split(':').pop()), { what: 'Temporal', timeoutMs: 60_000 });
  // Migrate once, before the hub and the worker open the database.
  const [node, args] = ts('server/db/migrate-cli.ts');
  const { code } = await supervisor.start('migrate', node, args, { oneShot: true }).exited;
  if (code !== 0) throw new Error('database migration failed (see above)');
  supervisor.start('worker', ...ts('workflows/main.ts'));
  supervisor.start('hub', ...ts('hub/server.ts'));
  // The hub listens on HOST (127.0.0.1 unless set): ask it there; a wildcard address answers on loopback too.
  const probeHost = ['0.0.0.0', '::', '[::]'].includes(config.host) ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  await waitForHttp(`http://${probeHost}:${config.port}/readyz`, { timeoutMs: 120_000 });
} catch (err) {
  console.error(`[start] ${err.message}`);
  await shutdown(1);
}

const width = Math.max(...urls.map(([n]) => n.length), 'Satchel (rep app + API)'.length);
// One write: whoever reads the output (a person, a test waiting for "Satchel is running") gets the table with it.
const table = [['Satchel (rep app + API)', config.publicUrl], ['Console (support, admin)', `${config.publicUrl}/console/`], ...urls].map(
  ([name, url]) => `  ${name.padEnd(width)}  ${url}`,
);
console.log(['', 'Satchel is running. Ctrl-C stops everything.', '', ...table].join('\n'));
const loopbackOnly = config.host === '127.0.0.1' || config.host === 'localhost' || config.host === '::1';
if (config.auth.demoUsers) {
  console.log(
    loopbackOnly
      ? `\n  The hub listens on ${config.host} only (the demo accounts' passwords are public). Set HOST=0.0.0.0 to open it to the network.`
      : `\n  The hub listens on ${config.host}:${config.port}: anyone who can reach it can sign in with the demo accounts' published passwords.`,
  );
}
console.log('');
