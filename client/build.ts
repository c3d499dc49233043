/**
 * Builds the rep's PWA into dist/client (or `outDir`):
 *   1. esbuild bundles src/main.tsx (ESM, code-split, minified, source maps, content-hashed names)
 *   2. esbuild bundles the service worker (src/sw/index.ts) to a stable /sw.js
 *   3. public/ is copied over, index.html gets the hashed bundle names
 *   4. Workbox injects the precache manifest (every emitted file but maps and sw.js) into sw.js
 * Run: `npx tsx client/build.ts [outDir]` (or `npm run build:client`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { injectManifest } from 'workbox-build';
import { browserBuildOptions, builtLine, bundleMain, fillIndexHtml, type MainBundle } from '../web/bundle';

const CLIENT_DIR = __dirname;
const ROOT = path.resolve(CLIENT_DIR, '..');

export interface BuildOptions {
  /** Where to write the app (emptied first). Default: dist/client at the repo root. */
  outDir?: string;
  /** Minify (default true). */
  minify?: boolean;
  /** Progress and the size table; pass `() => {}` to silence. */
  log?: (line: string) => void;
}

export interface BuiltFile {
  /** Path relative to outDir, with forward slashes. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildResult extends MainBundle {
  outDir: string;
  files: BuiltFile[];
  precache: { count: number; bytes: number; urls: string[] };
}

async function bundleServiceWorker(outDir: string, minify: boolean): Promise<string> {
  const swFile = path.join(outDir, 'sw.js');
  await esbuild.build({
    ...browserBuildOptions(CLIENT_DIR),
    tsconfig: path.join(CLIENT_DIR, 'src/sw/tsconfig.json'),
    entryPoints: [path.join(CLIENT_DIR, 'src/sw/index.ts')],
    outfile: swFile,
    format: 'iife',
    minify,
  });
  return swFile;
}

async function copyPublic(outDir: string, main: MainBundle): Promise<void> {
  await fs.cp(path.join(CLIENT_DIR, 'public'), outDir, { recursive: true });
  const indexFile = path.join(outDir, 'index.html');
  await fs.writeFile(indexFile, fillIndexHtml(await fs.readFile(indexFile, 'utf8'), main, 'client/public/index.html'));
}

/**
 * The barcode decoder's WebAssembly (the `barcode-detector` ponyfill's ZXing reader), served with
 * the app and precached so Scan works offline (src/scan/detector.ts names this path).
 */
async function copyScannerWasm(outDir: string): Promise<void> {
  const wasm = require.resolve('zxing-wasm/reader/zxing_reader.wasm', { paths: [ROOT] });
  await fs.mkdir(path.join(outDir, 'assets'), { recursive: true });
  await fs.copyFile(wasm, path.join(outDir, 'assets', 'zxing_reader.wasm'));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function sizes(outDir: string): Promise<BuiltFile[]> {
  const files = await listFiles(outDir);
  return Promise.all(
    files.map(async (file) => {
      const content = await fs.readFile(file);
      return { file: path.relative(outDir, file).split(path.sep).join('/'), bytes: content.length, gzipBytes: zlib.gzipSync(content).length };
    }),
  );
}

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

export async function buildClient(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, 'dist/client'));
  const minify = options.minify ?? true;
  const log = options.log ?? console.log;
  const started = Date.now();

  await fs.rm(outDir, { recursive: true, force: true });
  await fs.mkdir(outDir, { recursive: true });

  const main = await bundleMain(CLIENT_DIR, outDir, { minify, base: '/' });
  const swFile = await bundleServiceWorker(outDir, minify);
  await copyPublic(outDir, main);
  await copyScannerWasm(outDir);

  const injected = await injectManifest({
    swSrc: swFile,
    swDest: swFile,
    globDirectory: outDir,
    globPatterns: ['**/*.{html,js,css,png,svg,webmanifest,woff2,wasm}'],
    globIgnores: ['**/*.map', '**/*.LEGAL.txt'],
    // esbuild's [hash] is 8 base32 characters: such URLs change with their content already.
    dontCacheBustURLsMatching: /-[A-Z0-9]{8}\.\w+$/,
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  });
  for (const warning of injected.warnings) log(`warning: ${warning}`);

  const files = await sizes(outDir);
  const manifestUrls = injected.filePaths.length ? await precachedUrls(swFile) : [];
  log(builtLine('client', outDir, started));
  for (const f of files.filter((f) => !f.file.endsWith('.map'))) log(`  ${f.file.padEnd(40)} ${kb(f.bytes)} ${kb(f.gzipBytes)} gzip`);
  log(`  precache: ${injected.count} files, ${kb(injected.size).trim()}`);

  return { outDir, ...main, files, precache: { count: injected.count, bytes: injected.size, urls: manifestUrls } };
}

/** The URLs in the manifest injected into the built sw.js. */
async function precachedUrls(swFile: string): Promise<string[]> {
  const source = await fs.readFile(swFile, 'utf8');
  return [...source.matchAll(/\{"revision":(?:"[^"]*"|null),"url":"([^"]+)"\}/g)].map((m) => m[1]!);
}

if (require.main === module) {
  buildClient({ outDir: process.argv[2] })
    // The default build also builds the staff console (dist/console): one command for all the hub serves.
    .then(async () => (process.argv[2] ? undefined : (await import('../console/build')).buildConsole()))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
