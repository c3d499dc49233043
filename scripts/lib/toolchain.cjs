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
/** Long tool output (go -v package lists, apt-get) goes here, named in the error when a step fails. */
const LOGS_DIR = path.join(TOOLS_DIR, 'logs');

function onPath(name) {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : undefined;
}

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const relative = (file) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};

/**
 * One line per step: `<prefix><what>... done in 12 s`. The line is begun when the step starts and
 * ended when it ends, so a person sees what is going on while it runs (output goes to a log file).
 */
function stepLine(prefix = '', write = (text) => process.stdout.write(text)) {
  return (what) => {
    const started = Date.now();
    write(`${prefix}${what}...`);
    const secs = () => Math.round((Date.now() - started) / 1000);
    return {
      done: (note = '') => write(` done in ${secs()} s${note}\n`),
      failed: (note = '') => write(` failed after ${secs()} s${note}\n`),
    };
  };
}

/** Run a command with its output into .tools/logs/<name>.log; returns the exit status and the log's path. */
function runLogged(name, cmd, args, options = {}) {
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  const logFile = path.join(LOGS_DIR, `${name}.log`);
  const fd = fs.openSync(logFile, 'w');
  try {
    const r = spawnSync(cmd, args, { ...options, stdio: ['ignore', fd, fd] });
    return { status: r.status ?? (r.error ? -1 : 1), signal: r.signal, logFile };
  } finally {
    fs.closeSync(fd);
  }
}

/** The log's last lines (the error a build ended on), for the failure message. */
function tail(file, lines = 5) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

const goBinary = () => onPath('go') ?? (executable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);

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

function ensureTemporalCli({ log = console.log, step = stepLine() } = {}) {
  const found = findTemporalCli();
  if (found) {
    log(`Temporal CLI: ${relative(found)}`);
    return found;
  }
  const go = goBinary();
  if (!go) {
    log('Temporal CLI: none, and no Go to build it: the test server will be downloaded by @temporalio/testing (needs internet).');
    return undefined;
  }
  const s = step(`Temporal CLI: building ${TEMPORAL_CLI_VERSION} with Go (first time, several minutes)`);
  // go -v lists every package it builds: into the log, which the error names.
  const r = runLogged('temporal-cli-build', go, ['install', '-v', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: path.dirname(CACHED_TEMPORAL), GOFLAGS: '-mod=mod' },
  });
  if (r.status !== 0 || !executable(CACHED_TEMPORAL)) {
    s.failed();
    throw new Error(
      `go install of the Temporal CLI failed (exit ${r.status}); the build's output is in ${relative(r.logFile)}:\n${tail(r.logFile)}\n` +
        'Set TEMPORAL_CLI_PATH to an existing temporal binary to skip the build.',
    );
  }
  s.done(`: ${relative(CACHED_TEMPORAL)}`);
  return CACHED_TEMPORAL;
}

/**
 * The production Temporal server's version: the tag of docker-compose.yml's temporalio/server
 * image (admin-tools and ui likewise), so `npm run stack:prod` runs here exactly what the compose
 * stack would pull. test/toolchain.test.ts checks the file still names them.
 */
function composeImageVersion(image, file = path.join(ROOT, 'docker-compose.yml')) {
  const m = new RegExp(`image:\\s*temporalio/${image}:(\\d+\\.\\d+\\.\\d+)\\b`).exec(fs.readFileSync(file, 'utf8'));
  if (!m) throw new Error(`docker-compose.yml names no temporalio/${image}:<x.y.z> image`);
  return m[1];
}

/** Where each pinned build lives: one directory per version, so a version bump builds beside the old one. */
function temporalServerPaths(version = composeImageVersion('server')) {
  const dir = path.join(TOOLS_DIR, `temporal-server-${version}`);
  return {
    version,
    dir,
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
    /** schema/postgresql/v12/{temporal,visibility}/versioned, copied from the module: what update-schema applies. */
    schemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
}

function temporalUiPaths(version = composeImageVersion('ui')) {
  const dir = path.join(TOOLS_DIR, `temporal-ui-${version}`);
  // Its configuration is ours: config/temporal/ui.yaml, also mounted into the compose stack's image.
  return { version, dir, server: path.join(dir, 'temporal-ui-server') };
}

/** The module's source directory (the schema files), downloaded by `go mod download`. */
function moduleDir(go, module, version, env) {
  const r = spawnSync(go, ['mod', 'download', '-json', `${module}@${version}`], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`go mod download ${module}@${version} failed:\n${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout).Dir;
}

/** `go install <pkg>@<version>` into dir, then the binary renamed (both of Temporal's are called `server`/`sql`). */
function goInstall({ go, pkg, version, dir, name, target, logName, step }) {
  const s = step(`${name}: building ${pkg}@${version} with Go (first time, several minutes)`);
  const bin = path.join(dir, '.gobin');
  fs.mkdirSync(bin, { recursive: true });
  const env = { ...process.env, GOBIN: bin, GOFLAGS: '-mod=mod' };
  const r = runLogged(logName, go, ['install', '-v', `${pkg}@${version}`], { env });
  const built = path.join(bin, path.basename(pkg));
  if (r.status !== 0 || !executable(built)) {
    s.failed();
    throw new Error(`go install of ${pkg}@${version} failed (exit ${r.status}); the build's output is in ${relative(r.logFile)}:\n${tail(r.logFile)}`);
  }
  fs.renameSync(built, target);
  s.done(`: ${relative(target)}`);
  return env;
}

const copyDir = (from, to) => {
  fs.cpSync(from, to, { recursive: true });
  // The module cache is read-only; our copy need not be.
  for (const entry of fs.readdirSync(to, { recursive: true }))
    fs.chmodSync(path.join(to, entry), fs.statSync(path.join(to, entry)).isDirectory() ? 0o755 : 0o644);
};

/**
 * The real Temporal server (and temporal-sql-tool, and the Web UI server) for the production
 * topology, built once with Go at docker-compose.yml's versions and cached in .tools/. Only
 * `npm run stack:prod` and the production drills call this; `npm start` keeps the CLI's dev server.
 * Returns undefined when there is no Go (the caller says what is skipped).
 */
/** The cached builds of ensureTemporalServer(), when all are there (nothing is built). */
function findTemporalServer() {
  const server = temporalServerPaths();
  const ui = temporalUiPaths();
  return [server.server, server.sqlTool, ui.server].every(executable) && fs.existsSync(server.schemaDir) ? { server, ui } : undefined;
}

function ensureTemporalServer({ log = console.log, step = stepLine() } = {}) {
  const found = findTemporalServer();
  if (found) return found;
  const server = temporalServerPaths();
  const ui = temporalUiPaths();
  const go = goBinary();
  if (!go) {
    log('Temporal server: not built, and no Go to build it (install Go: the production topology needs it).');
    return undefined;
  }
  fs.mkdirSync(server.dir, { recursive: true });
  fs.mkdirSync(ui.dir, { recursive: true });
  const v = (x) => `v${x}`;
  if (!executable(server.server))
    goInstall({
      go,
      pkg: 'go.temporal.io/server/cmd/server',
      version: v(server.version),
      dir: server.dir,
      name: 'Temporal server',
      target: server.server,
      logName: 'temporal-server-build',
      step,
    });
  if (!executable(server.sqlTool))
    goInstall({
      go,
      pkg: 'go.temporal.io/server/cmd/tools/sql',
      version: v(server.version),
      dir: server.dir,
      name: 'temporal-sql-tool',
      target: server.sqlTool,
      logName: 'temporal-sql-tool-build',
      step,
    });
  if (!executable(ui.server))
    goInstall({
      go,
      pkg: 'github.com/temporalio/ui-server/v2/cmd/server',
      version: v(ui.version),
      dir: ui.dir,
      name: 'Temporal UI server',
      target: ui.server,
      logName: 'temporal-ui-build',
      step,
    });
  const env = { ...process.env, GOFLAGS: '-mod=mod' };
  if (!fs.existsSync(server.schemaDir))
    copyDir(path.join(moduleDir(go, 'go.temporal.io/server', v(server.version), env), 'schema', 'postgresql', 'v12'), server.schemaDir);
  for (const d of [server.dir, ui.dir]) fs.rmSync(path.join(d, '.gobin'), { recursive: true, force: true });
  return { server, ui };
}

/**
 * The release before the compose file's (the previous minor, whose schema is one step older): the
 * schema-upgrade drill (test/production/upgrade.test.ts) starts on it, upgrades the schema with
 * orders in flight, then rolls every service to the current build. Its server and SQL tool are built.
 */
const TEMPORAL_UPGRADE_FROM = '1.30.8';

function findPreviousTemporalServer() {
  const p = temporalServerPaths(TEMPORAL_UPGRADE_FROM);
  return executable(p.server) && executable(p.sqlTool) && fs.existsSync(p.schemaDir) ? p : undefined;
}

function ensurePreviousTemporalServer({ step = stepLine() } = {}) {
  const found = findPreviousTemporalServer();
  if (found) return found;
  const go = goBinary();
  if (!go) return undefined;
  const p = temporalServerPaths(TEMPORAL_UPGRADE_FROM);
  fs.mkdirSync(p.dir, { recursive: true });
  const v = `v${p.version}`;
  if (!executable(p.server))
    goInstall({
      go,
      pkg: 'go.temporal.io/server/cmd/server',
      version: v,
      dir: p.dir,
      name: 'Temporal server (upgrade drill)',
      target: p.server,
      logName: `temporal-server-${p.version}-build`,
      step,
    });
  // Its own temporal-sql-tool: the next release's cannot read every older schema file (as admin-tools of that release would run them).
  if (!executable(p.sqlTool))
    goInstall({
      go,
      pkg: 'go.temporal.io/server/cmd/tools/sql',
      version: v,
      dir: p.dir,
      name: 'temporal-sql-tool (upgrade drill)',
      target: p.sqlTool,
      logName: `temporal-sql-tool-${p.version}-build`,
      step,
    });
  if (!fs.existsSync(p.schemaDir))
    copyDir(path.join(moduleDir(go, 'go.temporal.io/server', v, { ...process.env, GOFLAGS: '-mod=mod' }), 'schema', 'postgresql', 'v12'), p.schemaDir);
  fs.rmSync(path.join(p.dir, '.gobin'), { recursive: true, force: true });
  return p;
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
  const go = goBinary();
  if (!go) {
    log('No Go toolchain: the compose file check (scripts/compose-check) cannot be built.');
    return undefined;
  }
  log('Building scripts/compose-check (the compose-spec loader) into .tools/bin...');
  const r = runLogged('compose-check-build', go, ['build', '-v', '-o', CACHED_COMPOSE_CHECK, '.'], {
    cwd: COMPOSE_CHECK_DIR,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
  });
  if (r.status !== 0 || !executable(CACHED_COMPOSE_CHECK))
    throw new Error(`go build of scripts/compose-check failed (exit ${r.status}); its output is in ${relative(r.logFile)}:\n${tail(r.logFile)}`);
  return CACHED_COMPOSE_CHECK;
}

// Keep in step with workflows/pdf/browser.ts, where the worker looks again before each PDF.
// Where Debian, Ubuntu and Google's packages put it: one list, also read by the worker (workflows/pdf/browser.ts).
const CHROMIUM_CANDIDATES = require('../../config/chromium-paths.json');
const BROWSERS_DIR = path.join(TOOLS_DIR, 'browsers');
/** The path of the browser downloaded into .tools/browsers, written after the download. */
const CACHED_BROWSER_MARKER = path.join(BROWSERS_DIR, 'chromium-path');

function cachedChromium(marker = CACHED_BROWSER_MARKER) {
  try {
    const file = fs.readFileSync(marker, 'utf8').trim();
    return file && executable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Chromium for Puppeteer: PUPPETEER_EXECUTABLE_PATH, else the system's Chromium, else the one
 * the bootstrap downloaded into .tools/browsers, else undefined. Never installs anything.
 */
function findChromium({ env = process.env, candidates = CHROMIUM_CANDIDATES, marker = CACHED_BROWSER_MARKER } = {}) {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) return fromEnv;
  return candidates.find(executable) ?? cachedChromium(marker);
}

/** Debian's chromium (and a font for the PDFs) with apt-get; an `apt-get update` first only when the lists are stale. */
function aptInstallChromium(aptGet) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => runLogged('apt-chromium', aptGet, ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-liberation'], { env });
  let r = install();
  if (r.status !== 0) {
    const update = runLogged('apt-update', aptGet, ['update', '-q'], { env });
    if (update.status === 0) r = install();
  }
  return r;
}

/** Whether @puppeteer/browsers (puppeteer-core's downloader) is installed. */
function downloadAvailable() {
  try {
    require.resolve('@puppeteer/browsers', { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

/** Puppeteer's Chrome into .tools/browsers (scripts/lib/download-browser.cjs); undefined without network. */
function downloadChromium({ marker = CACHED_BROWSER_MARKER } = {}) {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'download-browser.cjs'), BROWSERS_DIR], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  const file = r.status === 0 ? r.stdout.trim() : '';
  if (!file || !executable(file)) return undefined;
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, `${file}\n`);
  return file;
}

/**
 * Chromium for PDFs and browser tests, provisioned the way the Temporal CLI is: the configured
 * or system one, else the one cached in .tools/browsers, else (as root, with apt-get, unless
 * SATCHEL_BROWSER_INSTALL=off) Debian's chromium, else Puppeteer's own download when there is
 * internet. Returns undefined when none can be had: the worker still starts, and PDFs wait.
 */
function ensureChromium({
  log = console.log,
  step = stepLine(),
  env = process.env,
  candidates = CHROMIUM_CANDIDATES,
  marker = CACHED_BROWSER_MARKER,
  aptGet = onPath('apt-get'),
  root = typeof process.getuid === 'function' && process.getuid() === 0,
  download = downloadAvailable() ? () => downloadChromium({ marker }) : undefined,
} = {}) {
  const found = findChromium({ env, candidates, marker });
  if (found) {
    if (!executable(found)) log(`Chromium: PUPPETEER_EXECUTABLE_PATH=${found} is not an executable file: order PDFs wait until it is.`);
    else log(`Chromium: ${relative(found)}`);
    return found;
  }
  const mode = (env.SATCHEL_BROWSER_INSTALL || 'auto').toLowerCase();
  if (mode !== 'off') {
    if (root && aptGet) {
      const s = step("no Chromium found: installing Debian's chromium (apt-get install chromium)");
      const r = aptInstallChromium(aptGet);
      const installed = candidates.find(executable);
      if (r.status === 0 && installed) {
        s.done(`: ${installed}`);
        return installed;
      }
      s.failed(` (see ${relative(r.logFile)})`);
    }
    if (download) {
      const s = step("no Chromium found: downloading Puppeteer's Chrome into .tools/browsers (needs internet)");
      const downloaded = download();
      if (downloaded) {
        s.done(`: ${relative(downloaded)}`);
        return downloaded;
      }
      s.failed(' (no network)');
    }
  }
  log(
    'no Chromium: order PDFs wait (retrying) until there is one: apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH' +
      (mode === 'off' ? ' (SATCHEL_BROWSER_INSTALL=off: nothing was installed).' : '.') +
      ' Everything else runs.',
  );
  return undefined;
}

module.exports = {
  ROOT,
  TOOLS_DIR,
  LOGS_DIR,
  TEMPORAL_CLI_VERSION,
  CHROMIUM_CANDIDATES,
  stepLine,
  runLogged,
  findTemporalCli,
  ensureTemporalCli,
  findChromium,
  ensureChromium,
  ensureComposeCheck,
  composeImageVersion,
  temporalServerPaths,
  temporalUiPaths,
  findTemporalServer,
  ensureTemporalServer,
  TEMPORAL_UPGRADE_FROM,
  findPreviousTemporalServer,
  ensurePreviousTemporalServer,
};
