/**
 * The layer rule and the workflow sandbox rule are ESLint rules (eslint.config.mjs), run by
 * `npm test` before Jest. This shows they bite: each wrong import below, placed where it would do
 * harm, is reported by the rule that guards it, and the same kind of import where it belongs is not.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const LAYERS = 'import-x/no-restricted-paths';
const SANDBOX = '@typescript-eslint/no-restricted-imports';

/** [where the file sits, what it imports, the rule that must fire (undefined: none may fire)] */
const PROBES: Array<[file: string, code: string, rule: string | undefined]> = [
  ['workflows/activities/probe.ts', "import { createApp } from '../../hub/app';", LAYERS],
  ['workflows/worker-probe.ts', "import { errorHandler } from '../hub/errors';", LAYERS],
  ['hub/services/probe.ts', "import { orderWorkflow } from '../../workflows/order.workflow';", LAYERS],
  ['hub/services/probe.ts', "import { createWorkers } from '../../workflows/worker';", LAYERS],
  ['hub/services/probe.ts', "import { retrySignal } from '../../workflows/signals';", undefined],
  ['hub/services/probe.ts', "import { startDocumentWorkflow } from '../../workflows/client';", undefined],
  ['server/orders/probe.ts', "import { createApp } from '../../hub/app';", LAYERS],
  ['server/orders/probe.ts', "import { createWorkers } from '../../workflows/worker';", LAYERS],
  ['client/src/probe.ts', "import { openDatabase } from '../../server/db/connect';", LAYERS],
  ['domain/probe.ts', "import { loadConfig } from '../config';", LAYERS],
  ['workflows/probe.workflow.ts', "import fs from 'node:fs';", SANDBOX],
  ['workflows/probe.workflow.ts', "import crypto from 'crypto';", SANDBOX],
  ['workflows/probe.workflow.ts', "import { Sequelize } from 'sequelize';", SANDBOX],
  ['workflows/probe.workflow.ts', "import { createOrderRepository } from '../server/orders/repository';", SANDBOX],
  ['workflows/probe.workflow.ts', "import { createZohoActivities } from './activities/zoho';", SANDBOX],
  ['workflows/probe.workflow.ts', "import { proxyActivities } from '@temporalio/workflow';", undefined],
  ['workflows/probe.workflow.ts', "import type { ZohoActivities } from './activities/zoho';", undefined],
  ['workflows/probe.workflow.ts', "import type { PageResult } from '../server/catalogue/sync';", undefined],
  ['workflows/activities/probe.ts', "import fs from 'node:fs';", undefined],
  ['workflows/activities/probe.ts', "import { applyMapping } from '../../mappings';", SANDBOX],
  ['hub/services/probe.ts', "import { applyContactMapping } from '../../mappings';", SANDBOX],
  ['hub/services/probe.ts', "import { validateMapping } from '../../mappings';", undefined],
  ['hub/services/probe.ts', "import { createMappingEvaluator } from '../../server/mappings/sandbox/evaluator';", undefined],
];

let fired: string[][];
beforeAll(() => {
  // Its own process: Jest's module sandbox cannot load ESLint's ES-module config.
  const out = execFileSync(process.execPath, [path.join(__dirname, 'support/lint-probe.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(
      PROBES.map(([file, code]) => ({
        file: path.join(ROOT, file),
        code: `${code}\nexport const used = [${/\{ (\w+) \}|import (?:type )?(\w+)/.exec(code)?.slice(1).find(Boolean)}];\n`,
      })),
    ),
    encoding: 'utf8',
  });
  fired = JSON.parse(out) as string[][];
});

describe.each(PROBES.map((p, i) => [i, ...p] as const))('probe %i: %s', (i, _file, code, rule) => {
  it(rule ? `refuses ${code}` : `allows ${code}`, () => {
    if (rule) expect(fired[i]).toContain(rule);
    else expect(fired[i]).toEqual([]);
  });
});
