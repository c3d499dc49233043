// Where the external tools come from. Plain CommonJS with no dependencies: it runs before
// `npm ci`, from the .mjs scripts and from Jest's global setup alike.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const TOOLS_DIR = path.join(ROOT, '.tools');
const TEMPORAL_CLI_VERSION = 'v1.5.1';
const CACHED_TEMPORAL = path.join(TOOLS_DIR, 'bin', process.platform === 'win32' ? 'temporal.exe' : 'temporal');

function onPath(name) {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : undefined;
}

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Temporal CLI, in this order: TEMPORAL_CLI_PATH, `temporal` on PATH, the cached build in
 * .tools/, a pinned `go install` into .tools/. Returns undefined when none applies (no Go): the
 * caller may then let @temporalio/testing download its own copy, which needs internet.
 */
function findTemporalCli() {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!executable(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  return onPath('temporal') ?? (executable(CACHED_TEMPORAL) ? CACHED_TEMPORAL : undefined);
}

function ensureTemporalCli({ log = console.log } = {}) {
  const found = findTemporalCli();
  if (found) return found;
  const go = onPath('go') ?? (executable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    log('No Temporal CLI and no Go toolchain: the test server will be downloaded by @temporalio/testing (needs internet).');
    return undefined;
  }
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into .tools/bin (once; takes a few minutes)...`);
  const started = Date.now();
  const r = spawnSync(go, ['install', '-v', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: path.dirname(CACHED_TEMPORAL), GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'inherit', 'inherit'], // go -v prints each package as it builds: the progress
  });
  if (r.status !== 0 || !executable(CACHED_TEMPORAL)) {
    throw new Error(`go install of the Temporal CLI failed (exit ${r.status}). Set TEMPORAL_CLI_PATH to an existing binary to skip the build.`);
  }
  log(`Temporal CLI ready in ${Math.round((Date.now() - started) / 1000)} s: ${CACHED_TEMPORAL}`);
  return CACHED_TEMPORAL;
}

const COMPOSE_CHECK_DIR = path.join(ROOT, 'scripts', 'compose-check');
const CACHED_COMPOSE_CHECK = path.join(TOOLS_DIR, 'bin', process.platform === 'win32' ? 'compose-check.exe' : 'compose-check');

function newestSource(dir) {
  return Math.max(
    ...fs
      .readdirSync(dir)
      .filter((f) => /\.go$|^go\.(mod|sum)$/.test(f))
      .map((f) => fs.statSync(path.join(dir, f)).mtimeMs),
  );
}

/**
 * scripts/compose-check: the compose-spec loader that `docker compose config` uses, built with Go
 * into .tools/bin (once, ~30 s; again when its source changes). CI validates docker-compose.yml
 * with it, having no Docker engine. Returns undefined when there is no Go toolchain.
 */
function ensureComposeCheck({ log = console.log } = {}) {
  if (executable(CACHED_COMPOSE_CHECK) && fs.statSync(CACHED_COMPOSE_CHECK).mtimeMs >= newestSource(COMPOSE_CHECK_DIR)) return CACHED_COMPOSE_CHECK;
  const go = onPath('go') ?? (executable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    log('No Go toolchain: the compose file check (scripts/compose-check) cannot be built.');
    return undefined;
  }
  log('Building scripts/compose-check (the compose-spec loader) into .tools/bin...');
  const r = spawnSync(go, ['build', '-o', CACHED_COMPOSE_CHECK, '.'], {
    cwd: COMPOSE_CHECK_DIR,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !executable(CACHED_COMPOSE_CHECK)) throw new Error(`go build of scripts/compose-check failed (exit ${r.status})`);
  return CACHED_COMPOSE_CHECK;
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/**
 * Chromium for Puppeteer: PUPPETEER_EXECUTABLE_PATH, else the system's Chromium, else undefined
 * (Puppeteer's own downloaded browser, on machines that have one). Never downloads anything.
 */
function findChromium() {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) return fromEnv;
  return CHROMIUM_CANDIDATES.find(executable);
}

module.exports = { ROOT, TOOLS_DIR, TEMPORAL_CLI_VERSION, findTemporalCli, ensureTemporalCli, findChromium, ensureComposeCheck };
