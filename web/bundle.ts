/**
 * The esbuild step both browser apps share (client/build.ts, console/build.ts): an app's
 * src/main.tsx bundled into content-hashed, code-split ES modules, and its index.html given the
 * bundle URLs. Node-side: only the build scripts import this file.
 */
import path from 'node:path';
import * as esbuild from 'esbuild';

/** Browsers a rep's phone or laptop (or the office's desktop) is likely to run; all have ES modules and service workers. */
const TARGET = ['chrome100', 'edge100', 'firefox100', 'safari15.4'];

/** What every bundle of an app shares; `appDir` holds the app's tsconfig.json. */
export function browserBuildOptions(appDir: string): esbuild.BuildOptions {
  return {
    bundle: true,
    target: TARGET,
    sourcemap: 'linked',
    legalComments: 'linked',
    tsconfig: path.join(appDir, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  };
}

/** URL paths of the entry bundle and its stylesheet, e.g. /assets/main-3FQ7A2KD.js. */
export interface MainBundle {
  mainJs: string;
  mainCss?: string;
}

/**
 * Bundles `<appDir>/src/main.tsx` into `<outDir>/assets`. `base` is where the app is served
 * (`/` for the rep's app, `/console/` for the console): the answered URLs start with it.
 */
export async function bundleMain(appDir: string, outDir: string, options: { minify: boolean; base: string }): Promise<MainBundle> {
  const entryFile = path.join(appDir, 'src/main.tsx');
  const result = await esbuild.build({
    ...browserBuildOptions(appDir),
    entryPoints: { main: entryFile },
    outdir: outDir,
    format: 'esm',
    splitting: true, // later screens can be `import()`ed and load on demand
    minify: options.minify,
    entryNames: 'assets/[name]-[hash]',
    chunkNames: 'assets/chunk-[hash]',
    assetNames: 'assets/[name]-[hash]',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
  });
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith('src/main.tsx'));
  if (!entry) throw new Error(`esbuild produced no output for ${entryFile}`);
  const [jsFile, output] = entry;
  // The metafile's paths are relative to esbuild's working directory, the current one.
  const url = (file: string) => options.base + path.relative(outDir, path.resolve(file)).split(path.sep).join('/');
  return { mainJs: url(jsFile), mainCss: output.cssBundle ? url(output.cssBundle) : undefined };
}

/** `html` with the bundle URLs in place of %MAIN_JS% and %MAIN_CSS% (that line left out when there is no stylesheet). */
export function fillIndexHtml(html: string, main: MainBundle, name: string): string {
  if (!html.includes('%MAIN_JS%')) throw new Error(`${name} must contain %MAIN_JS%`);
  const filled = html.replace('%MAIN_JS%', main.mainJs);
  return main.mainCss ? filled.replace('%MAIN_CSS%', main.mainCss) : filled.replace(/^.*%MAIN_CSS%.*\n/m, '');
}

/** "Built the client into dist/client in 812 ms": the folder relative to the current one where it lies below it. */
export function builtLine(what: string, outDir: string, started: number): string {
  const shown = path.relative(process.cwd(), outDir);
  return `Built the ${what} into ${shown && !shown.startsWith('..') ? shown : outDir} in ${Date.now() - started} ms`;
}
