/**
 * Which browser prints the PDFs, looked up again before every launch: a worker started on a machine
 * without one keeps running, and its PDF step (retried by Temporal) picks up a browser installed or
 * configured later. The places searched are scripts/lib/toolchain.cjs `findChromium`'s (config/chromium-paths.json), which the
 * bootstrap uses to provision one (and then sets PUPPETEER_EXECUTABLE_PATH for the worker).
 */
import fs from 'node:fs';
import path from 'node:path';
import chromiumPaths from '../../config/chromium-paths.json';
import { AppError } from '../../server/errors';

/** Where Debian, Ubuntu and Google's packages put it: the same list the bootstrap searches. */
export const CHROMIUM_CANDIDATES: readonly string[] = chromiumPaths;

/** Written by the bootstrap after it downloaded a browser into .tools/browsers: that browser's path. */
export const CACHED_BROWSER_MARKER = path.resolve(__dirname, '../../.tools/browsers/chromium-path');

const INSTALL_HINT = 'install Chromium (apt-get install chromium, or run `npm run bootstrap` as root) or set PUPPETEER_EXECUTABLE_PATH to a Chromium or Chrome';

/** No browser to print with: retryable (Temporal tries the PDF step again), and says what to do. */
export class NoBrowserError extends AppError {
  constructor(detail: string) {
    super('unavailable', `no browser for PDFs: ${detail}`, { code: 'no_browser' });
    this.name = 'NoBrowserError';
  }
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function cachedBrowser(marker: string): string | undefined {
  try {
    const file = fs.readFileSync(marker, 'utf8').trim();
    return file && executable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export interface BrowserLookup {
  candidates?: readonly string[];
  marker?: string;
}

/**
 * The browser to launch: the configured path (which must then be an executable file), else the
 * system's Chromium, else the one the bootstrap downloaded. Throws NoBrowserError otherwise.
 */
export function findBrowser(configured: string | undefined, lookup: BrowserLookup = {}): string {
  if (configured) {
    if (executable(configured)) return configured;
    throw new NoBrowserError(
      `PUPPETEER_EXECUTABLE_PATH=${configured} is not an executable file; point it at a Chromium or Chrome, or unset it to use the system's Chromium (apt-get install chromium)`,
    );
  }
  const found = (lookup.candidates ?? CHROMIUM_CANDIDATES).find(executable) ?? cachedBrowser(lookup.marker ?? CACHED_BROWSER_MARKER);
  if (found) return found;
  throw new NoBrowserError(`no Chromium on this machine; ${INSTALL_HINT}`);
}
