/**
 * The evaluator process as one plain JavaScript file, built once per hub or worker process with
 * esbuild (a dependency of tsx, so it is there in production too). A bundled evaluator starts in
 * about a third of the time tsx needs to load the TypeScript sources, and with half the memory:
 * that is how long a slot stays empty after a runaway is killed. Without esbuild: the .ts entry (tsx).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let built: string | undefined;

export function evaluatorEntry(source = path.join(__dirname, 'evaluator-process.ts')): string {
  if (built && fs.existsSync(built)) return built;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a pool starts
    const esbuild = require('esbuild') as typeof import('esbuild');
    const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-evaluator-')), 'evaluator-process.cjs');
    esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'silent' });
    built = outfile;
    process.once('exit', () => fs.rmSync(path.dirname(outfile), { recursive: true, force: true }));
    return outfile;
  } catch {
    return source;
  }
}
