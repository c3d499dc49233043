#!/usr/bin/env node
// `npm test`: bootstrap (dependencies, Temporal CLI, client build), type-check everything, lint
// (the layer rule, workflow determinism, cycles, formatting), then Jest against real parts: a
// Temporal dev server, SQLite, PostgreSQL, Chromium, SMTP.
// Extra arguments go to Jest (e.g. `npm test -- hub`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from './bootstrap.mjs';
import { portInUse } from './lib/processes.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const say = (msg) => console.log(`[test] ${msg}`);

try {
  bootstrap();
} catch (err) {
  console.error(`[test] ${err.message}`);
  process.exit(1);
}

const pgUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pg = new URL(pgUrl);
if (!(await portInUse(Number(pg.port || 5432), pg.hostname))) {
  console.error(`[test] PostgreSQL is not running at ${pg.hostname}:${pg.port || 5432}: start it (the PostgreSQL tests need it) or set TEST_POSTGRES_URL.`);
  process.exit(1);
}

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env }).status ?? 1;

say('type-checking...');
for (const project of [
  'tsconfig.json',
  'client/tsconfig.json',
  'client/src/sw/tsconfig.json',
  'client/tsconfig.node.json',
  'console/tsconfig.json',
  'console/tsconfig.node.json',
]) {
  if (run(bin('tsc'), ['--noEmit', '-p', project]) !== 0) {
    console.error(`[test] type errors in ${project}`);
    process.exit(1);
  }
}

say('linting (eslint, prettier --check)...');
if (run(bin('eslint'), ['.']) !== 0) {
  console.error('[test] lint errors (above): fix them, or `npm run format` for the formatting ones');
  process.exit(1);
}
if (run(bin('prettier'), ['--check', '--log-level', 'warn', '.']) !== 0) {
  console.error('[test] files not formatted (above): run `npm run format`');
  process.exit(1);
}

/** One jest run; its JSON report's figures (undefined when jest wrote none). */
function jest(args) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-jest-')), 'report.json');
  const status = run(bin('jest'), ['--json', `--outputFile=${report}`, ...args]);
  const r = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : undefined;
  return {
    status,
    passed: r?.numPassedTests ?? 0,
    failed: r?.numFailedTests ?? 0,
    skipped: (r?.numPendingTests ?? 0) + (r?.numTodoTests ?? 0),
    total: r?.numTotalTests ?? 0,
  };
}

// The whole suite: everything but the production drills two suites at a time, then the drills on
// their own. A drill's topology (four Temporal services, two hubs, two workers, a proxy) beside
// other suites starves both on a two-core machine, and their timings are what the drills test.
const args = process.argv.slice(2);
const runs =
  args.length > 0
    ? [jest(args)]
    : [
        jest(['--testPathIgnorePatterns', '/node_modules/', '/.tools/', '/data/', '/dist/', '/test/production/']),
        (say('production drills, on their own...'), jest(['--runInBand', 'test/production'])),
      ];
const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
// The plain closing line, for whoever reads only the last line.
console.log(`\njest: ${sum('passed')} passed, ${sum('failed')} failed${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`);
if (sum('total') === 0) process.exit(1);
process.exit(runs.find((r) => r.status !== 0)?.status ?? 0);
