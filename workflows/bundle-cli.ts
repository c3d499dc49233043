/** `npm run build:workflows [-- <out>]`: write the production workflow bundle (default dist/workflow-bundle.js). */
import { runMain } from '../server/startup';
import { buildWorkflowBundle } from './bundle';

runMain(async () => {
  const started = Date.now();
  const { path, bytes } = await buildWorkflowBundle(process.argv[2]);
  console.log(`workflow bundle: ${path} (${Math.round(bytes / 1024)} KiB) in ${Date.now() - started} ms`);
});
