#!/usr/bin/env node
// Makes this checkout runnable: npm dependencies (npm ci when missing or stale), the Temporal CLI
// (found, cached or built with Go), Chromium located, the client built. Run by `npm start` and
// `npm test`, so a fresh clone needs no manual step. Plain Node: it runs before any dependency exists.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ROOT, ensureTemporalCli, findChromium } = require('./lib/toolchain.cjs');

const say = (msg) => console.log(`[bootstrap] ${msg}`);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** npm ci when node_modules is missing or was installed from another package-lock.json. */
export function ensureDependencies() {
  const lock = path.join(ROOT, 'package-lock.json');
  const stamp = path.join(ROOT, 'node_modules', '.satchel-lock-hash');
  const want = crypto.createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
  const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
  if (have === want) return;
  say(have ? 'package-lock.json changed: reinstalling dependencies (npm ci)...' : 'installing dependencies (npm ci)...');
  const env = {};
  // sqlite3 compiles with node-gyp; against the system's Node headers it needs no download.
  if (!process.env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  // We drive Chromium through puppeteer-core: no browser download at install time, ever.
  env.PUPPETEER_SKIP_DOWNLOAD = '1';
  const started = Date.now();
  run('npm', ['ci', '--no-audit', '--no-fund'], env);
  fs.writeFileSync(stamp, want);
  say(`dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Build the PWA into dist/client (and the console into dist/console) when missing or older than their sources. */
export function ensureClientBuilt() {
  const built = ['client', 'console'].map((d) => path.join(ROOT, 'dist', d, 'index.html'));
  const sources = ['client', 'console', 'domain'].map((d) => path.join(ROOT, d)).filter((d) => fs.existsSync(d));
  const sourceTime = Math.max(...sources.map(newestMtime));
  if (built.every((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= sourceTime)) return;
  say('building the client (dist/client) and the console (dist/console)...');
  run(process.execPath, ['--import', 'tsx', 'client/build.ts']);
}

export function bootstrap({ client = true } = {}) {
  ensureDependencies();
  const temporal = ensureTemporalCli({ log: say });
  if (temporal) process.env.TEMPORAL_CLI_PATH = temporal;
  const chromium = findChromium();
  if (chromium) process.env.PUPPETEER_EXECUTABLE_PATH = chromium;
  else say('no Chromium found: order PDFs need one (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH).');
  if (client) ensureClientBuilt();
  return { temporal, chromium };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    bootstrap({ client: !process.argv.includes('--deps-only') });
  } catch (err) {
    console.error(`[bootstrap] ${err.message}`);
    process.exit(1);
  }
}
