/**
 * Sign-in flood: waves of sign-ins with unknown emails from many addresses at once (each attacker
 * sends one per wave, default 300 every second for 10 s), against a real hub process, while signed-in users keep asking `GET /api/auth/me`. Shows that bounded hashing
 * (SIGN_IN_HASH_*) and the throttle (SIGN_IN_MAX_*) keep other users' requests fast: prints their
 * p50/p99 before and during the flood (target: p99 under 200 ms), the ratio, the flood's answers by
 * status, and how many passwords were checked. (Before the bounds: 300 at once took 10.7 s, seven
 * got SQLITE_BUSY, and `GET /api/auth/me` rose from 7 ms to 4.1 s.)
 *
 *   npx tsx bench/sign-in-flood.ts [--db sqlite|postgres] [--attackers 300] [--wave-ms 1000] [--seconds 10] [--users 20]
 *       [--hash-concurrency 2] [--hash-queue 16] [--per-minute 600]
 *
 * `--hash-concurrency 64 --hash-queue 10000 --per-minute 1000000` shows the hub without the bounds.
 * Loopback only; PostgreSQL: a fresh database on TEST_POSTGRES_URL, dropped afterwards.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createAuth } from '../hub/auth';
import { openDatabase } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { createTestDatabase, type Dialect } from '../test/support/databases';
import { percentile } from '../test/support/devices';
import { exited, freePort } from '../test/support/processes';
import { choiceArg, numberArgs } from './lib/args';

const PASSWORD = 'flood bench password';
const HEADERS = { 'Content-Type': 'application/json', 'X-Requested-With': 'satchel' };

function startHub(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lib', 'sign-in-hub.ts')], {
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('hub ready')) {
        console.log(output.trim());
        resolve(child);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`hub exited (${code}):\n${output}`)));
  });
}

async function main(): Promise<void> {
  const [dialect, rest] = choiceArg<Dialect>('db', ['sqlite', 'postgres'], 'sqlite');
  const a = numberArgs({ attackers: 300, 'wave-ms': 1000, seconds: 10, users: 20, 'hash-concurrency': 2, 'hash-queue': 16, 'per-minute': 600 }, rest);
  const attackers = Math.min(2000, Math.max(1, a.attackers));
  const usersN = Math.min(200, Math.max(1, a.users));
  const seconds = Math.min(120, Math.max(1, a.seconds));

  const target = await createTestDatabase(dialect);
  let db = await openDatabase(target.config);
  let hub: ChildProcess | undefined;
  try {
    await migrate(db.sequelize);
    // The users who keep working during the flood, created directly (their sign-ins come below).
    const auth = createAuth(db, { sessionIdleDays: 30, sessionMaxDays: 90 });
    const users = [];
    for (let i = 0; i < usersN; i++)
      users.push(await auth.users.create({ email: `user-${i}@bench.test`, name: `User ${i}`, role: 'rep', password: PASSWORD }, null));

    // Only the hub's connection during the run (on SQLite a second one would compete for the file).
    await db.close();
    const port = await freePort();
    hub = await startHub({
      HUB_DB_URL: target.config.url,
      HUB_PORT: String(port),
      SIGN_IN_HASH_CONCURRENCY: String(a['hash-concurrency']),
      SIGN_IN_HASH_QUEUE: String(a['hash-queue']),
      SIGN_IN_MAX_PER_MINUTE: String(a['per-minute']),
    });
    const base = `http://127.0.0.1:${port}`;

    const cookies: string[] = [];
    for (const [i, u] of users.entries()) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { ...HEADERS, 'X-Forwarded-For': `192.168.0.${i + 1}` },
        body: JSON.stringify({ email: u.email, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`user ${u.email} could not sign in: ${res.status} ${await res.text()}`);
      cookies.push(res.headers.get('set-cookie')!.split(';')[0]!);
    }

    /** Each user asks /me, waits 20 ms, asks again, until `until`. */
    const poll = async (until: number) => {
      const ms: number[] = [];
      let errors = 0;
      await Promise.all(
        cookies.map(async (cookie) => {
          while (Date.now() < until) {
            const t = performance.now();
            const res = await fetch(`${base}/api/auth/me`, { headers: { Cookie: cookie } });
            await res.arrayBuffer();
            ms.push(performance.now() - t);
            if (res.status !== 200) errors++;
            await new Promise((r) => setTimeout(r, 20));
          }
        }),
      );
      return { ms, errors };
    };

    const baseline = await poll(Date.now() + 3000);

    const floodStarted = Date.now();
    const until = floodStarted + seconds * 1000;
    const statuses: Record<string, number> = {};
    const signInMs: number[] = [];
    let attempts = 0;
    const flood = Promise.all(
      Array.from({ length: attackers }, async (_, i) => {
        const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        for (let wave = floodStarted; wave < until; wave += a['wave-ms']) {
          if (Date.now() < wave) await new Promise((r) => setTimeout(r, wave - Date.now()));
          const t = performance.now();
          attempts++;
          try {
            const res = await fetch(`${base}/api/auth/login`, {
              method: 'POST',
              headers: { ...HEADERS, 'X-Forwarded-For': address },
              body: JSON.stringify({ email: `nobody-${i}-${attempts}@bench.test`, password: 'a guess of a password' }),
            });
            await res.arrayBuffer();
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          } catch {
            statuses.network = (statuses.network ?? 0) + 1;
          }
          signInMs.push(performance.now() - t);
        }
      }),
    );
    const during = await poll(until);
    await flood;
    const floodSeconds = (Date.now() - floodStarted) / 1000;

    db = await openDatabase(target.config);
    const checks = await db.Audit.count({ where: { action: 'login.failed' } });
    const f = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
    const p99Before = percentile(baseline.ms, 99);
    const p99During = percentile(during.ms, 99);
    console.log(
      `sign-in flood (${dialect}): ${attackers} attackers, a wave every ${a['wave-ms']} ms for ${floodSeconds.toFixed(1)} s, ${usersN} users polling GET /api/auth/me (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
    );
    console.log(
      `  other users, before the flood: ${baseline.ms.length} requests, p50 ${f(baseline.ms, 50)} ms, p99 ${p99Before.toFixed(1)} ms, errors ${baseline.errors}`,
    );
    console.log(
      `  other users, during the flood: ${during.ms.length} requests, p50 ${f(during.ms, 50)} ms, p99 ${p99During.toFixed(1)} ms, errors ${during.errors}`,
    );
    console.log(`  p99 during / before: ${(p99During / p99Before).toFixed(2)}×   target p99 < 200 ms: ${p99During < 200 ? 'met' : 'MISSED'}`);
    console.log(
      `  flood: ${attempts} sign-ins (${(attempts / floodSeconds).toFixed(0)}/s), answers ${JSON.stringify(statuses)}, p50 ${f(signInMs, 50)} ms, p99 ${f(signInMs, 99)} ms`,
    );
    console.log(`  passwords checked (argon2): ${checks} (${(checks / floodSeconds).toFixed(1)}/s)`);
  } finally {
    if (hub) {
      hub.stdout!.on('data', (d: Buffer) => process.stdout.write(`  ${d.toString()}`));
      hub.kill('SIGTERM');
      await exited(hub);
    }
    await db.close();
    await target.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
