/**
 * Replay tests: histories recorded from real runs (workflows/histories/) must replay against the
 * current workflow code. A change that would break running workflows fails here; version it with
 * patched() instead. Each fixture has one writer (workflows/README.md, "Determinism and replay").
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../test/support/temporal';

const dir = path.join(__dirname, 'histories');
const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('order workflow replay', () => {
  it('has recorded histories to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(2);
  });

  it.each(fixtures)('replays %s without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    const bundle = await bundleWorkflows();
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: file }, history, `replay-${file}`)).resolves.toBeUndefined();
  });
});
