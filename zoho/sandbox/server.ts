/**
 * Run the Zoho sandbox on its own: `npx tsx zoho/sandbox/server.ts`
 * Port: ZOHO_SANDBOX_PORT (default 3100). State file: ZOHO_SANDBOX_STATE_FILE, or `<DATA_DIR>/zoho-sandbox.json`
 * (set it to "none" to keep everything in memory). Sizes: ZOHO_SANDBOX_ITEMS, ZOHO_SANDBOX_CUSTOMERS.
 * Host: ZOHO_SANDBOX_HOST (default 127.0.0.1).
 */
import path from 'node:path';
import { loadConfig, SANDBOX_DEMO } from '../../config';
import { createSandbox } from './index';

async function main(): Promise<void> {
  const config = loadConfig();
  const env = process.env;
  const stateFile = env.ZOHO_SANDBOX_STATE_FILE === 'none' ? undefined : (env.ZOHO_SANDBOX_STATE_FILE ?? path.join(config.dataDir, 'zoho-sandbox.json'));
  const num = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const mutateEvery = num(env.ZOHO_SANDBOX_MUTATE_MS);
  const sandbox = createSandbox({
    stateFile,
    seed: { items: num(env.ZOHO_SANDBOX_ITEMS), customers: num(env.ZOHO_SANDBOX_CUSTOMERS) },
    mutate: mutateEvery ? { everyMs: mutateEvery } : undefined,
    testControls: config.env !== 'production',
  });
  const host = env.ZOHO_SANDBOX_HOST ?? '127.0.0.1';
  // loadConfig() has validated ZOHO_SANDBOX_PORT already.
  const { url } = await sandbox.listen(Number(env.ZOHO_SANDBOX_PORT ?? 3100), host);
  console.log(`Zoho sandbox listening on ${url} (organization ${SANDBOX_DEMO.organizationId}${stateFile ? `, state in ${stateFile}` : ''})`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`Zoho sandbox could not start: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
