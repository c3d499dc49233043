// Puppeteer's own Chrome (Chrome for Testing, the build puppeteer-core is made for) into
// .tools/browsers, for machines with no Chromium package to install but with internet. Run by the
// bootstrap in a child process (after npm ci) so a slow network cannot hang it: exit 0 and the
// browser's path on stdout; exit 3 when there is no network or no @puppeteer/browsers.
'use strict';
const path = require('node:path');

async function main(cacheDir) {
  let browsers, revisions;
  try {
    browsers = require('@puppeteer/browsers');
    revisions = require('puppeteer-core/lib/cjs/puppeteer/revisions.js').PUPPETEER_REVISIONS;
  } catch {
    return 3; // not installed: nothing to download with
  }
  const { Browser, install, canDownload, detectBrowserPlatform } = browsers;
  const platform = detectBrowserPlatform();
  const buildId = revisions.chrome;
  if (!platform || !buildId) return 3;
  const reachable = await Promise.race([
    canDownload({ browser: Browser.CHROME, buildId, platform, cacheDir }).catch(() => false),
    new Promise((resolve) => setTimeout(() => resolve(false), 10_000).unref()),
  ]);
  if (!reachable) return 3;
  const installed = await install({ browser: Browser.CHROME, buildId, platform, cacheDir });
  process.stdout.write(installed.executablePath);
  return 0;
}

main(path.resolve(process.argv[2])).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err.message);
    process.exit(1);
  },
);
