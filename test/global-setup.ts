/**
 * One real Temporal dev server for the whole Jest run (the CLI found or built by the bootstrap),
 * with Satchel's search attributes registered. Tests reach it through TEMPORAL_ADDRESS. The
 * Chromium for PDFs and browser tests goes in PUPPETEER_EXECUTABLE_PATH, as `npm test` does, so a
 * plain `npx jest some.test.ts` finds it too. When the run includes the production drills
 * (test/production/), the real Temporal server is built first if it is not cached in .tools/.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_FLAGS } from '../workflows/search-attributes';

declare global {
  var __TEMPORAL_ENV__: TestWorkflowEnvironment | undefined;
}

/** The whole suite, or a pattern that names the production drills. */
function runsProductionDrills(globalConfig: { testPathPatterns?: { patterns?: string[] } }): boolean {
  const patterns = globalConfig.testPathPatterns?.patterns ?? [];
  return patterns.length === 0 || patterns.some((p) => /production/.test(p));
}

export default async function globalSetup(globalConfig: { testPathPatterns?: { patterns?: string[] } } = {}): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findTemporalCli, findChromium, ensureTemporalServer, ensurePreviousTemporalServer } = require('../scripts/lib/toolchain.cjs') as {
    findTemporalCli(): string | undefined;
    findChromium(): string | undefined;
    ensureTemporalServer(o?: { log?: (m: string) => void }): unknown;
    ensurePreviousTemporalServer(): unknown;
  };
  // Built once (minutes), cached in .tools/; without Go the drills skip themselves, saying why.
  if (runsProductionDrills(globalConfig)) {
    try {
      ensureTemporalServer({ log: (m) => console.log(`[global-setup] ${m}`) });
      ensurePreviousTemporalServer();
    } catch (err) {
      console.warn(`[global-setup] the production drills will be skipped: ${(err as Error).message}`);
    }
  }
  const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ? undefined : findChromium();
  if (chromium) process.env.PUPPETEER_EXECUTABLE_PATH = chromium; // (assigning undefined would store "undefined")
  if (process.env.TEMPORAL_ADDRESS) return; // an external server was given
  const cli = findTemporalCli();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' },
      searchAttributes: SEARCH_ATTRIBUTE_FLAGS,
      extraArgs: ['--log-level', 'error'],
    },
  });
  globalThis.__TEMPORAL_ENV__ = env;
  process.env.TEMPORAL_ADDRESS = env.address;
}
