/**
 * Builds the console (admin and support) into dist/console (or `outDir`): esbuild bundles
 * src/main.tsx (ESM, code-split per screen, minified, hashed names) and public/index.html gets the
 * bundle names. The hub serves it at /console/. No service worker: the console is an online tool.
 * Run: `npx tsx console/build.ts [outDir]`; `npm run build` (client/build.ts) builds it too.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { builtLine, bundleMain, fillIndexHtml, type MainBundle } from '../web/bundle';

const CONSOLE_DIR = __dirname;
const ROOT = path.resolve(CONSOLE_DIR, '..');
/** Where the hub mounts the console; bundle URLs in index.html start with it. */
export const CONSOLE_BASE = '/console/';

export interface ConsoleBuildResult extends MainBundle {
  outDir: string;
}

export async function buildConsole(options: { outDir?: string; minify?: boolean; log?: (line: string) => void } = {}): Promise<ConsoleBuildResult> {
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, 'dist/console'));
  const log = options.log ?? console.log;
  const started = Date.now();
  await fs.rm(outDir, { recursive: true, force: true });
  await fs.mkdir(outDir, { recursive: true });

  const main = await bundleMain(CONSOLE_DIR, outDir, { minify: options.minify ?? true, base: CONSOLE_BASE });
  const html = await fs.readFile(path.join(CONSOLE_DIR, 'public/index.html'), 'utf8');
  await fs.writeFile(path.join(outDir, 'index.html'), fillIndexHtml(html, main, 'console/public/index.html'));

  log(builtLine('console', outDir, started));
  return { outDir, ...main };
}

if (require.main === module) {
  buildConsole({ outDir: process.argv[2] }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
