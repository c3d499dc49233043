/**
 * Temporal for tests: the dev server started by the global setup (TEMPORAL_ADDRESS), one workflow
 * bundle per test file, and quiet worker logs.
 */
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

export function temporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: the Jest global setup starts the dev server');
  return address;
}

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* already installed in this process */
  }
}

export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  quietRuntime();
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('WARN') });
}

export async function connectTemporalForTest(): Promise<{ client: Client; native: NativeConnection; close(): Promise<void> }> {
  quietRuntime();
  const address = temporalAddress();
  const connection = await Connection.connect({ address });
  const native = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, namespace: 'default' }),
    native,
    close: async () => {
      await connection.close();
      await native.close();
    },
  };
}

export async function eventually<T>(probe: () => Promise<T | undefined>, { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
