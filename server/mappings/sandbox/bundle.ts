/**
 * The evaluator process as one plain JavaScript file, built once per hub or worker process with
 * esbuild (a dependency of tsx, so it is there in production too). A bundled evaluator starts in
 * about a third of the time tsx needs to load the TypeScript sources, and with half the memory:
 * that is how long a slot stays empty after a runaway is killed. Without esbuild: the .ts entry (tsx).
 * The file is named by its content's hash, so processes share it and none leaves one behind.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let built: string | undefined;

export function evaluatorEntry(source = path.join(__dirname, 'evaluator-process.ts')): string {
  if (built && fs.existsSync(built)) return built;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a pool starts
    const esbuild = require('esbuild') as typeof import('esbuild');
    const out = esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, logLevel: 'silent' });
    const code = out.outputFiles[0]!.contents;
    const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
    const file = path.join(os.tmpdir(), `satchel-evaluator-${hash}.cjs`);
    if (!fs.existsSync(file)) {
      // Written aside, then renamed: a process starting at the same moment never reads half a file.
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, file);
    }
    built = file;
    return file;
  } catch {
    return source;
  }
}
