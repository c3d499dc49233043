#!/usr/bin/env node
// Makes this checkout runnable: npm dependencies (npm ci when missing or stale), the Temporal CLI
// (found, cached or built with Go), Chromium (found, cached, installed or downloaded), the client
// built. Run by `npm start` and `npm test`, so a fresh clone needs no manual step. One line per
// step with its time; long tool output goes to .tools/logs/. Plain Node: it runs before any dependency exists.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ROOT, ensureTemporalCli, ensureChromium, runLogged, stepLine } = require('./lib/toolchain.cjs');

const say = (msg) => console.log(`[bootstrap] ${msg}`);
const step = stepLine('[bootstrap] ');

/** Run one step's command with its output in .tools/logs/<name>.log, on one progress line. */
function run(what, name, cmd, args, env = {}) {
  const s = step(what);
  const r = runLogged(name, cmd, args, { cwd: ROOT, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    s.failed();
    let tail = '';
    try {
      tail = fs.readFileSync(r.logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
    } catch {
      /* no log */
    }
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}); its output is in ${path.relative(ROOT, r.logFile)}:\n${tail}`);
  }
  s.done();
}

/** npm ci when node_modules is missing or was installed from another package-lock.json. */
export function ensureDependencies() {
  const lock = path.join(ROOT, 'package-lock.json');
  const stamp = path.join(ROOT, 'node_modules', '.satchel-lock-hash');
  const want = crypto.createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
  const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
  if (have === want) {
    say('dependencies: up to date');
    return;
  }
  const env = {};
  // sqlite3 compiles with node-gyp; against the system's Node headers it needs no download.
  if (!process.env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  // We drive Chromium through puppeteer-core: no browser download at install time, ever.
  env.PUPPETEER_SKIP_DOWNLOAD = '1';
  const what = have ? 'dependencies: package-lock.json changed, reinstalling (npm ci)' : 'dependencies: installing (npm ci, a few minutes the first time)';
  run(what, 'npm-ci', 'npm', ['ci', '--no-audit', '--no-fund'], env);
  fs.writeFileSync(stamp, want);
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
  if (built.every((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= sourceTime)) {
    say('client: up to date (dist/client, dist/console)');
    return;
  }
  run("client: building the rep's app and the console (dist/client, dist/console)", 'client-build', process.execPath, ['--import', 'tsx', 'client/build.ts']);
}

export function bootstrap({ client = true, temporalCli = true } = {}) {
  ensureDependencies();
  // `npm run stack:prod` runs the real server (ensureTemporalServer) and needs no CLI.
  const temporal = temporalCli ? ensureTemporalCli({ log: say, step }) : undefined;
  if (temporal) process.env.TEMPORAL_CLI_PATH = temporal;
  // Without one, everything still starts; order PDFs wait (retrying) with the reason on the order.
  const chromium = ensureChromium({ log: say, step });
  if (chromium) process.env.PUPPETEER_EXECUTABLE_PATH = chromium;
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
