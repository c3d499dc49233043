// ESLint: the layer rule written down (which folder may import which), the workflow sandbox rule
// (workflow code is deterministic: no Node built-ins, no database, no server runtime), no import
// cycles, and no forgotten promise. `npm test` runs it before Jest; `npm run lint` alone.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const TS_PROJECTS = [
  './tsconfig.json',
  './client/tsconfig.json',
  './client/tsconfig.node.json',
  './client/src/sw/tsconfig.json',
  './console/tsconfig.json',
  './console/tsconfig.node.json',
].filter((p) => fs.existsSync(new URL(p, import.meta.url)));

/** Files that run inside Temporal's workflow sandbox (bundled into the worker's workflow code). */
const WORKFLOW_FILES = [
  'workflows/*.workflow.ts',
  'workflows/index.ts',
  'workflows/stepper.ts',
  'workflows/signals.ts',
  'workflows/search-attributes.ts',
  'workflows/task-queues.ts',
  'workflows/failure-types.ts',
];

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'test/**', 'bench/**', '**/tools/**'];

/** Layers, bottom to top. A zone forbids `target` to import from each folder in `from`. */
const everythingBut = (...allowed) =>
  ['domain', 'config', 'mappings', 'zoho', 'server', 'hub', 'workflows', 'web', 'client', 'console', 'devservices', 'scripts', 'test', 'bench']
    .filter((f) => !allowed.includes(f))
    .map((f) => `./${f}`);

const layerZones = [
  // The shared domain model stands on nothing of ours.
  { target: './domain', from: everythingBut('domain'), message: 'domain/ is pure and shared: it imports nothing of ours.' },
  { target: './config', from: everythingBut('config', 'domain'), message: 'config/ reads the environment: only domain/ below it.' },
  { target: './mappings', from: everythingBut('mappings', 'domain', 'zoho'), message: 'mappings/ is a pure library (domain/, the Zoho types).' },
  { target: './zoho', from: everythingBut('zoho', 'domain', 'config', 'mappings'), message: 'zoho/ (connector, sandbox) stands on domain/ and config/ only.' },
  // The server core is shared by the hub and the worker: it knows neither.
  {
    target: './server',
    from: everythingBut('server', 'domain', 'config', 'mappings', 'zoho'),
    message: 'server/ is the core both processes stand on: it imports neither hub/ nor workflows/.',
  },
  // The HTTP process reaches Temporal only through the workflows' small public surface.
  {
    target: './hub',
    from: './workflows',
    except: ['./client.ts', './signals.ts', './catalogue-schedule.ts'],
    message: 'hub/ reaches Temporal only through workflows/client.ts, workflows/signals.ts and workflows/catalogue-schedule.ts.',
  },
  {
    target: './hub',
    from: ['./client', './console', './web', './devservices', './scripts', './test', './bench'],
    message: 'hub/ is the HTTP process: server code only.',
  },
  {
    target: './workflows',
    from: ['./hub', './client', './console', './web', './devservices', './scripts', './test', './bench'],
    message: 'workflows/ is the Temporal process: it never imports the hub.',
  },
  // The browser apps share web/ and domain/ only: no server code reaches a device.
  {
    target: ['./client', './console', './web'],
    from: everythingBut('client', 'console', 'web', 'domain', 'mappings'),
    message: 'browser code imports web/, domain/ and mappings/ only.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tools/**', 'coverage/**', 'scripts/compose-check/**', '**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,cjs,js}'],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { project: TS_PROJECTS, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: TS_PROJECTS, alwaysTryTypes: true, noWarnOnMultipleProjects: true })],
    },
    rules: {
      // Forgetting to await an activity, a workflow API, a database write or a response is a bug.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'object-shorthand': ['error', 'always'],
    },
  },
  {
    // Plain Node scripts (the bootstrap runs before dependencies exist): no type information needed.
    files: ['**/*.{mjs,cjs,js}'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // Preact hooks follow React's rules: call order, and effects that list what they read.
    files: ['client/src/**', 'console/src/**', 'web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Mappings are programs written by users: the hub and the worker run them only in the sandbox
    // (server/mappings/sandbox), never in their own event loop.
    files: ['hub/**', 'workflows/**'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/mappings', '**/mappings/apply', '**/mappings/validate', '**/mappings/expression', '**/mappings/template'],
              importNames: ['applyMapping', 'applyContactMapping', 'applyToSample', 'evaluateExpression', 'renderTemplate'],
              message: 'Evaluate mappings in the sandbox: server/mappings/sandbox/evaluator.ts (a deadline, a memory cap, an output bound).',
            },
          ],
        },
      ],
    },
  },
  {
    files: WORKFLOW_FILES,
    rules: {
      // Deterministic code in Temporal's sandbox: no Node built-ins, no database, no I/O of ours.
      // Types from anywhere are fine (they vanish at build time).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules.flatMap((m) => [m, `node:${m}`]),
            'sequelize',
            'pg',
            'sqlite3',
            'nodemailer',
            'puppeteer-core',
            '@temporalio/activity',
            '@temporalio/client',
            '@temporalio/worker',
          ].map((name) => ({
            name,
            message: 'Workflow code runs in Temporal’s deterministic sandbox: do I/O in an activity.',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['**/server/**', '**/hub/**', '**/zoho/**', '**/config', '**/config/**', './activities/*', '!./activities/index'],
              message: 'Workflow code imports no server runtime: only types (import type) from activities and the server core.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Tests, benches and tools wire real parts together across layers on purpose.
    files: TESTS,
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  prettier,
);
