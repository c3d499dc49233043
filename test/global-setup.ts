/**
 * One real Temporal dev server for the whole Jest run (the CLI found or built by the bootstrap),
 * with Satchel's search attributes registered. Tests reach it through TEMPORAL_ADDRESS.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_FLAGS } from '../workflows/search-attributes';

declare global {
  // eslint-disable-next-line no-var
  var __TEMPORAL_ENV__: TestWorkflowEnvironment | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.TEMPORAL_ADDRESS) return; // an external server was given
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findTemporalCli } = require('../scripts/lib/toolchain.cjs') as { findTemporalCli(): string | undefined };
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
