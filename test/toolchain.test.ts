/**
 * The bootstrap's provisioning of a browser for PDFs (scripts/lib/toolchain.cjs), step by step:
 * the configured or system one, Debian's package when it may install (root, apt-get, not switched
 * off), Puppeteer's download, else nothing (and the rest still starts). apt-get and the download
 * are stand-ins here: this machine is not to be changed by a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Step {
  done(note?: string): void;
  failed(note?: string): void;
}
interface ChromiumOptions {
  log?: (m: string) => void;
  step?: (what: string) => Step;
  env?: Record<string, string | undefined>;
  candidates?: string[];
  marker?: string;
  aptGet?: string;
  root?: boolean;
  download?: () => string | undefined;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toolchain = require('../scripts/lib/toolchain.cjs') as {
  ensureChromium(o?: ChromiumOptions): string | undefined;
  findChromium(o?: Pick<ChromiumOptions, 'env' | 'candidates' | 'marker'>): string | undefined;
  stepLine(prefix?: string, write?: (t: string) => void): (what: string) => Step;
  runLogged(name: string, cmd: string, args: string[]): { status: number; logFile: string };
};

let dir: string;
let lines: string[];
let out: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-toolchain-'));
  lines = [];
  out = '';
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = (): ChromiumOptions => ({
  log: (m) => lines.push(m),
  step: toolchain.stepLine('[bootstrap] ', (t) => (out += t)),
  env: {},
  candidates: [path.join(dir, 'chromium')],
  marker: path.join(dir, 'browsers', 'chromium-path'),
});

/** A stand-in apt-get: records its calls; `install` puts an executable at the candidate path (or fails). */
function fakeAptGet(opts: { installFails?: 'always' | 'until-update' } = {}): string {
  const file = path.join(dir, 'apt-get');
  const target = path.join(dir, 'chromium');
  const stale = path.join(dir, 'stale');
  if (opts.installFails === 'until-update') fs.writeFileSync(stale, '');
  fs.writeFileSync(
    file,
    `#!/bin/sh
echo "$*" >> ${dir}/calls
echo "Reading package lists..."
if [ "$1" = update ]; then rm -f ${stale}; exit 0; fi
${opts.installFails === 'always' ? 'exit 100' : `[ -e ${stale} ] && { echo "E: Unable to locate package chromium"; exit 100; }`}
printf '#!/bin/sh\\n' > ${target}; chmod +x ${target}
`,
    { mode: 0o755 },
  );
  return file;
}
const aptCalls = () => fs.readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n');

describe('a browser for PDFs, provisioned by the bootstrap', () => {
  it('uses the system Chromium when there is one, installing nothing', () => {
    const chromium = path.join(dir, 'chromium');
    fs.writeFileSync(chromium, '#!/bin/sh\n', { mode: 0o755 });
    const download = jest.fn();
    expect(toolchain.ensureChromium({ ...base(), root: true, aptGet: fakeAptGet(), download })).toBe(chromium);
    expect(fs.existsSync(path.join(dir, 'calls'))).toBe(false);
    expect(download).not.toHaveBeenCalled();
  });

  it('as root with apt-get, installs Debian’s chromium and says so on one line', () => {
    const download = jest.fn();
    const found = toolchain.ensureChromium({ ...base(), root: true, aptGet: fakeAptGet(), download });
    expect(found).toBe(path.join(dir, 'chromium'));
    expect(out).toMatch(/^\[bootstrap\] no Chromium found: installing Debian's chromium \(apt-get install chromium\)\.\.\. done in \d+ s/);
    expect(aptCalls()).toEqual([expect.stringMatching(/^install -y .*chromium/)]);
    expect(download).not.toHaveBeenCalled();
  });

  it('refreshes stale package lists once when the install fails', () => {
    expect(toolchain.ensureChromium({ ...base(), root: true, aptGet: fakeAptGet({ installFails: 'until-update' }) })).toBe(path.join(dir, 'chromium'));
    expect(aptCalls().map((c) => c.split(' ')[0])).toEqual(['install', 'update', 'install']);
  });

  it('falls through to Puppeteer’s download when apt-get cannot install it', () => {
    const downloaded = path.join(dir, 'browsers', 'chrome');
    fs.mkdirSync(path.dirname(downloaded), { recursive: true });
    fs.writeFileSync(downloaded, '#!/bin/sh\n', { mode: 0o755 });
    const found = toolchain.ensureChromium({ ...base(), root: true, aptGet: fakeAptGet({ installFails: 'always' }), download: () => downloaded });
    expect(found).toBe(downloaded);
    expect(out).toMatch(/installing Debian's chromium \(apt-get install chromium\)\.\.\. failed after \d+ s \(see .*apt-chromium\.log\)\n/);
    expect(out).toMatch(/downloading Puppeteer's Chrome into \.tools\/browsers \(needs internet\)\.\.\. done in \d+ s/);
  });

  it('does not use apt-get when not root', () => {
    const download = jest.fn(() => undefined);
    expect(toolchain.ensureChromium({ ...base(), root: false, aptGet: fakeAptGet(), download })).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'calls'))).toBe(false);
    expect(download).toHaveBeenCalledTimes(1);
    expect(out).toMatch(/downloading Puppeteer's Chrome.*\.\.\. failed after \d+ s \(no network\)\n$/);
    expect(lines.join('\n')).toMatch(
      /^no Chromium: order PDFs wait \(retrying\) until there is one: apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH\. Everything else runs\.$/,
    );
  });

  it('installs and downloads nothing with SATCHEL_BROWSER_INSTALL=off', () => {
    const download = jest.fn();
    expect(toolchain.ensureChromium({ ...base(), env: { SATCHEL_BROWSER_INSTALL: 'off' }, root: true, aptGet: fakeAptGet(), download })).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'calls'))).toBe(false);
    expect(download).not.toHaveBeenCalled();
    expect(lines.join('\n')).toMatch(/SATCHEL_BROWSER_INSTALL=off: nothing was installed/);
  });

  it('finds the browser a previous bootstrap downloaded, from its marker in .tools/browsers', () => {
    const downloaded = path.join(dir, 'browsers', 'chrome');
    fs.mkdirSync(path.dirname(downloaded), { recursive: true });
    fs.writeFileSync(downloaded, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'browsers', 'chromium-path'), `${downloaded}\n`);
    expect(toolchain.findChromium({ env: {}, candidates: [], marker: path.join(dir, 'browsers', 'chromium-path') })).toBe(downloaded);
    expect(toolchain.findChromium({ env: {}, candidates: [], marker: path.join(dir, 'nothing') })).toBeUndefined();
  });
});

describe('bootstrap output', () => {
  it('puts a command’s output in .tools/logs, not on the screen', () => {
    const r = toolchain.runLogged('toolchain-test', process.execPath, ['-e', 'console.log("package a"); console.error("oops"); process.exit(3)']);
    try {
      expect(r.status).toBe(3);
      expect(r.logFile).toMatch(/\.tools\/logs\/toolchain-test\.log$/);
      expect(fs.readFileSync(r.logFile, 'utf8')).toBe('package a\noops\n');
    } finally {
      fs.rmSync(r.logFile, { force: true });
    }
  });
});

describe('the production Temporal server, pinned to the compose file', () => {
  const pins = toolchain as unknown as {
    composeImageVersion(image: string, file?: string): string;
    temporalServerPaths(): { version: string; server: string; sqlTool: string };
    temporalUiPaths(): { version: string; server: string };
    TEMPORAL_UPGRADE_FROM: string;
  };
  const compose = fs.readFileSync(path.join(__dirname, '..', 'docker-compose.yml'), 'utf8');
  const tags = (image: string) => [...compose.matchAll(new RegExp(`image:\\s*temporalio/${image}:(\\S+)`, 'g'))].map((m) => m[1]);

  it("builds the server and temporal-sql-tool at the version of the compose file's images", () => {
    const { version, server, sqlTool } = pins.temporalServerPaths();
    // One version for the server image and the admin-tools (schema) image, and it is what we build.
    expect(new Set([...tags('server'), ...tags('admin-tools')])).toEqual(new Set([version]));
    expect(server).toContain(path.join('.tools', `temporal-server-${version}`));
    expect(sqlTool).toContain(path.join('.tools', `temporal-server-${version}`));
    expect(pins.temporalUiPaths().version).toBe(tags('ui')[0]);
  });

  it('drills the upgrade from the previous minor release', () => {
    const [major, minor] = pins.temporalServerPaths().version.split('.').map(Number);
    expect(pins.TEMPORAL_UPGRADE_FROM).toMatch(new RegExp(`^${major}\\.${minor! - 1}\\.\\d+$`));
  });

  it('fails loudly when the compose file names no pinned image', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pins-')), 'docker-compose.yml');
    fs.writeFileSync(file, 'services:\n  temporal:\n    image: temporalio/server:latest\n');
    expect(() => pins.composeImageVersion('server', file)).toThrow(/temporalio\/server/);
  });
});
