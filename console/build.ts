/**
 * Builds the console (admin and support) into dist/console (or `outDir`): esbuild bundles
 * src/main.tsx (ESM, code-split per screen, minified, hashed names) and public/index.html gets the
 * bundle names. The hub serves it at /console/. No service worker: the console is an online tool.
 * Run: `npx tsx console/build.ts [outDir]`; `npm run build` (client/build.ts) builds it too.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';

const CONSOLE_DIR = __dirname;
const ROOT = path.resolve(CONSOLE_DIR, '..');
/** Where the hub mounts the console; bundle URLs in index.html start with it. */
export const CONSOLE_BASE = '/console/';

export interface ConsoleBuildResult {
  outDir: string;
  mainJs: string;
  mainCss?: string;
}

export async function buildConsole(options: { outDir?: string; minify?: boolean; log?: (line: string) => void } = {}): Promise<ConsoleBuildResult> {
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, 'dist/console'));
  const log = options.log ?? console.log;
  const started = Date.now();
  await fs.rm(outDir, { recursive: true, force: true });
  await fs.mkdir(outDir, { recursive: true });

  const result = await esbuild.build({
    bundle: true,
    target: ['chrome100', 'edge100', 'firefox100', 'safari15.4'],
    sourcemap: 'linked',
    legalComments: 'linked',
    tsconfig: path.join(CONSOLE_DIR, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    entryPoints: { main: path.join(CONSOLE_DIR, 'src/main.tsx') },
    outdir: outDir,
    format: 'esm',
    splitting: true,
    minify: options.minify ?? true,
    entryNames: 'assets/[name]-[hash]',
    chunkNames: 'assets/chunk-[hash]',
    assetNames: 'assets/[name]-[hash]',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
  });
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith('src/main.tsx'));
  if (!entry) throw new Error('esbuild produced no output for console/src/main.tsx');
  const [jsFile, output] = entry;
  const url = (file: string) => CONSOLE_BASE + path.relative(outDir, path.resolve(file)).split(path.sep).join('/');
  const mainJs = url(jsFile);
  const mainCss = output.cssBundle ? url(output.cssBundle) : undefined;

  let html = await fs.readFile(path.join(CONSOLE_DIR, 'public/index.html'), 'utf8');
  html = html.replace('%MAIN_JS%', mainJs);
  html = mainCss ? html.replace('%MAIN_CSS%', mainCss) : html.replace(/^.*%MAIN_CSS%.*\n/m, '');
  await fs.writeFile(path.join(outDir, 'index.html'), html);

  const shown = path.relative(process.cwd(), outDir);
  log(`Built the console into ${shown && !shown.startsWith('..') ? shown : outDir} in ${Date.now() - started} ms`);
  return { outDir, mainJs, mainCss };
}

if (require.main === module) {
  buildConsole({ outDir: process.argv[2] }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
