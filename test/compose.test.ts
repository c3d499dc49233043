/**
 * docker-compose.yml, validated without a Docker engine: scripts/compose-check is the compose-spec
 * loader `docker compose config` uses (schema, interpolation, env files, references), built with Go
 * by the bootstrap. Then what matters for production, on the resolved project: health checks,
 * restart policies, start order, images built from our Dockerfile, config/ files mounted, only the
 * proxy's ports published, the Temporal server split into one service per role from one config.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureComposeCheck } = require('../scripts/lib/toolchain.cjs') as { ensureComposeCheck: (o?: { log?: (m: string) => void }) => string | undefined };

const ROOT = path.resolve(__dirname, '..');
const COMPOSE = path.join(ROOT, 'docker-compose.yml');
const ENV_EXAMPLE = path.join(ROOT, 'compose.env.example');

interface Service {
  image?: string;
  command?: string[] | null;
  entrypoint?: string[] | null;
  build?: { context: string; dockerfile: string; target?: string };
  restart?: string;
  init?: boolean;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | null>;
  volumes?: Array<{ type: string; source: string; target: string; read_only?: boolean }>;
  env_file?: Array<{ path: string; required: boolean }>;
  deploy?: { replicas?: number };
  ports?: Array<{ target: number; published: string }>;
  expose?: string[];
}
interface Project {
  services: Record<string, Service>;
  configs?: Record<string, { content?: string; file?: string }>;
}

/** The Temporal server's services, each a compose service `temporal-<role>`. */
const TEMPORAL_ROLES = ['frontend', 'history', 'matching', 'worker'] as const;

/** A service that runs once and exits (schema setup, namespace setup): no health to check. */
const isJob = (s: Service) => /^on-failure/.test(s.restart ?? '');

let binary: string;
function check(file: string, envFile = ENV_EXAMPLE, env: Record<string, string> = {}) {
  // A clean environment: variables of the test run (TEMPORAL_ADDRESS...) must not leak into interpolation.
  return spawnSync(binary, ['--env-file', envFile, file], {
    cwd: path.dirname(file),
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    encoding: 'utf8',
  });
}

describe('docker-compose.yml', () => {
  let project: Project;

  beforeAll(() => {
    const built = ensureComposeCheck({ log: () => undefined });
    if (!built) throw new Error('scripts/compose-check needs Go to build (install Go, or run the bootstrap on a machine with it)');
    binary = built;
    const r = check(COMPOSE);
    if (r.status !== 0) throw new Error(`compose-check rejected docker-compose.yml:\n${r.stderr}`);
    project = JSON.parse(r.stdout) as Project;
  }, 180_000);

  it('loads with the compose-spec loader, and the loader really rejects broken files', () => {
    expect(Object.keys(project.services).sort()).toEqual(
      [
        'hub',
        'mail',
        'postgres',
        'proxy',
        ...TEMPORAL_ROLES.map((role) => `temporal-${role}`),
        'temporal-schema',
        'temporal-setup',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-'));
    try {
      const text = fs.readFileSync(COMPOSE, 'utf8');
      fs.cpSync(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
      // A misspelt key fails the schema.
      fs.writeFileSync(
        path.join(dir, 'typo.yml'),
        text.replace('    healthcheck:\n      test: ["CMD-SHELL", "pg_isready', '    helthcheck:\n      test: ["CMD-SHELL", "pg_isready'),
      );
      const typo = check(path.join(dir, 'typo.yml'));
      expect(typo.status).not.toBe(0);
      expect(typo.stderr).toMatch(/helthcheck/);
      // A dependency on a service that does not exist fails.
      fs.writeFileSync(
        path.join(dir, 'dangling.yml'),
        text.replace(
          'postgres: { condition: service_healthy }\n    environment: *temporal-db',
          'postgress: { condition: service_healthy }\n    environment: *temporal-db',
        ),
      );
      const dangling = check(path.join(dir, 'dangling.yml'));
      expect(dangling.status).not.toBe(0);
      expect(dangling.stderr).toMatch(/postgress/);
      // Without the secrets file, the required secrets stop it, naming the variable.
      fs.writeFileSync(path.join(dir, 'empty.env'), '');
      const noSecrets = check(COMPOSE, path.join(dir, 'empty.env'));
      expect(noSecrets.status).not.toBe(0);
      expect(noSecrets.stderr).toMatch(/POSTGRES_PASSWORD|SATCHEL_SECRET_KEY/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every long-running service a health check and restart: unless-stopped; jobs retry on failure', () => {
    for (const [name, s] of Object.entries(project.services)) {
      if (isJob(s)) {
        expect([name, s.restart]).toEqual([name, expect.stringMatching(/^on-failure:\d+$/)]);
        continue;
      }
      expect([name, s.restart]).toEqual([name, 'unless-stopped']);
      expect([name, s.healthcheck?.disable ?? false]).toEqual([name, false]);
      expect([name, (s.healthcheck?.test ?? []).length > 1]).toEqual([name, true]);
    }
    expect(Object.values(project.services).filter(isJob)).toHaveLength(2);
  });

  it('starts each service after what it needs is healthy (or, for jobs, done)', () => {
    for (const [name, s] of Object.entries(project.services)) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        const wanted = isJob(project.services[dep]!) ? 'service_completed_successfully' : 'service_healthy';
        expect(`${name} → ${dep}: ${condition}`).toBe(`${name} → ${dep}: ${wanted}`);
      }
    }
    const deps = (name: string) => Object.keys(project.services[name]!.depends_on ?? {}).sort();
    // History and matching first (after the schema), the frontend once both serve, Temporal's worker once the frontend does.
    expect(deps('temporal-history')).toEqual(['temporal-schema']);
    expect(deps('temporal-matching')).toEqual(['temporal-schema']);
    expect(deps('temporal-frontend')).toEqual(['temporal-history', 'temporal-matching', 'temporal-schema']);
    expect(deps('temporal-worker')).toEqual(['temporal-frontend', 'temporal-schema']);
    // The namespace job waits for the whole server; what only talks to Temporal waits for the frontend.
    expect(deps('temporal-setup')).toEqual(['temporal-frontend', 'temporal-worker']);
    expect(deps('temporal-ui')).toEqual(['temporal-frontend']);
    expect(deps('hub')).toEqual(['postgres', 'temporal-setup']);
    expect(Object.keys(project.services.worker!.depends_on!)).toEqual(expect.arrayContaining(['hub', 'temporal-setup']));
  });

  it('builds hub and worker from our Dockerfile (targets that exist), several replicas each, under an init process', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
    for (const name of ['hub', 'worker']) {
      const s = project.services[name]!;
      expect(s.build).toMatchObject({ context: ROOT, dockerfile: 'Dockerfile', target: name });
      expect(stages).toContain(name);
      expect(s.init).toBe(true);
      expect(s.deploy?.replicas).toBeGreaterThanOrEqual(2);
      expect(s.environment).toMatchObject({
        NODE_ENV: 'production',
        DATABASE_URL: expect.stringMatching(/^postgres:\/\/satchel:[^@]+@postgres:5432\/satchel$/),
        TEMPORAL_ADDRESS: 'temporal-frontend:7233',
        LOG_FORMAT: 'json',
      });
      expect(s.env_file?.[0]?.path).toBe(path.join(ROOT, 'compose.env'));
      // Replicas cannot share a host port: only the proxy publishes one.
      expect(s.ports ?? []).toEqual([]);
    }
    expect(project.services.worker!.environment).toMatchObject({ WORKER_METRICS_HOST: '0.0.0.0' });
    // The hub binds to loopback unless HOST says otherwise: in its container it must listen on every interface.
    expect(project.services.hub!.environment).toMatchObject({ HOST: '0.0.0.0' });
  });

  it('publishes ports only for the proxy: the Web UI, the mail catcher, the database and metrics stay inside', () => {
    const published = Object.entries(project.services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
    expect(project.services['temporal-ui']!.expose).toEqual(['8080']);
    // The UI's config is ours (read-only, under /temporal), the file stack:prod gives the natively built UI server.
    const ui = project.services['temporal-ui']!.volumes?.find((v) => v.source === path.join(ROOT, 'config', 'temporal', 'ui.yaml'));
    expect(ui).toMatchObject({ type: 'bind', read_only: true, target: '/home/ui-server/config/docker.yaml' });
    expect(project.services.worker!.environment).toMatchObject({ METRICS_TOKEN: expect.stringMatching(/.+/) });
  });

  it("gives the proxy config/Caddyfile, whose defaults are this stack's: hub replicas by DNS, the UI behind the hub's gate, no /metrics", () => {
    expect(project.configs?.caddyfile?.file).toBe(path.join(ROOT, 'config', 'Caddyfile'));
    const caddyfile = fs.readFileSync(path.join(ROOT, 'config', 'Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/\{\$SATCHEL_HUB_UPSTREAMS:dynamic a hub 3000\}/);
    expect(caddyfile).toMatch(/handle \/metrics\* \{\s*respond 404/);
    expect(caddyfile).toMatch(
      /handle \/temporal\* \{\s*forward_auth \{[^\n]*\n[^\n]*\n\s*uri \/auth\/temporal-ui[\s\S]*?\n\t\t\}\s*reverse_proxy \{\$SATCHEL_TEMPORAL_UI_UPSTREAM:temporal-ui:8080\}/,
    );
    expect(project.services.proxy!.environment).toMatchObject({ SATCHEL_SITE_ADDRESS: ':80' });
  });

  describe('the Temporal server, one container per service (as stack:prod runs one process per service)', () => {
    const serverYaml = fs.readFileSync(path.join(ROOT, 'config', 'temporal', 'server.yaml'), 'utf8');
    /** A port's default in server.yaml (`{{ default "7234" (env "HISTORY_GRPC_PORT") }}`). */
    const portOf = (variable: string) => new RegExp(`default "(\\d+)" \\(env "${variable}"\\)`).exec(serverYaml)?.[1];
    const role = (r: string) => project.services[`temporal-${r}`]!;

    it('runs exactly the roles stack:prod starts, each in its own service, each only its own', () => {
      const topology = fs.readFileSync(path.join(ROOT, 'scripts', 'lib', 'production-topology.ts'), 'utf8');
      const native = /const TEMPORAL_SERVICES = \[([^\]]+)\]/.exec(topology)?.[1]?.match(/[a-z]+/g);
      expect([...(native ?? [])].sort()).toEqual([...TEMPORAL_ROLES].sort());
      const servers = Object.entries(project.services).filter(([, s]) => s.image?.startsWith('temporalio/server:'));
      expect(servers.map(([name]) => name).sort()).toEqual(TEMPORAL_ROLES.map((r) => `temporal-${r}`).sort());
      for (const r of TEMPORAL_ROLES) {
        // The image's `temporal-server start` takes its --service flag from TEMPORAL_SERVICES.
        expect([r, role(r).environment?.TEMPORAL_SERVICES]).toEqual([r, r]);
        // The image's own entrypoint stays: it works out the address each container broadcasts to the ring.
        expect([r, role(r).command ?? null, role(r).entrypoint ?? null]).toEqual([r, null, null]);
        expect([r, role(r).environment?.BIND_ON_IP, role(r).environment?.TEMPORAL_BROADCAST_ADDRESS]).toEqual([r, '0.0.0.0', undefined]);
        expect([r, role(r).ports ?? []]).toEqual([r, []]);
      }
    });

    it('gives every role the same image, environment and mounted config/temporal/server.yaml and dynamic.yaml', () => {
      const mine = (r: string) => {
        const { TEMPORAL_SERVICES: _own, ...shared } = role(r).environment ?? {};
        return { image: role(r).image, environment: shared, volumes: role(r).volumes };
      };
      for (const r of TEMPORAL_ROLES) expect([r, mine(r)]).toEqual([r, mine('frontend')]);
      const frontend = role('frontend');
      const mount = (file: string) => frontend.volumes?.find((v) => v.source === path.join(ROOT, 'config', 'temporal', file));
      expect(mount('server.yaml')).toMatchObject({ type: 'bind', read_only: true, target: frontend.environment!.TEMPORAL_SERVER_CONFIG_FILE_PATH });
      expect(mount('dynamic.yaml')).toMatchObject({ type: 'bind', read_only: true, target: frontend.environment!.DYNAMIC_CONFIG_FILE_PATH });
      expect(frontend.volumes).toHaveLength(2);
      expect(frontend.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', TEMPORAL_ALLOW_NO_AUTH: 'true' });
      // The same admin-tools and server versions: the schema job upgrades to what the server expects.
      const version = (image?: string) => image?.split(':')[1];
      expect(version(project.services['temporal-schema']!.image)).toBe(version(frontend.image));
      expect(version(frontend.image)).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it("checks each role's health on its own port from server.yaml (the worker service: its membership port)", () => {
      const expected: Record<string, string | undefined> = {
        frontend: portOf('FRONTEND_GRPC_PORT'),
        history: portOf('HISTORY_GRPC_PORT'),
        matching: portOf('MATCHING_GRPC_PORT'),
        worker: portOf('WORKER_MEMBERSHIP_PORT'),
      };
      for (const r of TEMPORAL_ROLES) {
        expect([r, expected[r]]).toEqual([r, expect.stringMatching(/^\d+$/)]);
        expect([r, role(r).healthcheck?.test]).toEqual([r, ['CMD-SHELL', `nc -z 127.0.0.1 ${expected[r]}`]]);
      }
    });

    it('is reached at the frontend by everything outside it: hubs, workers, the UI, the namespace job', () => {
      const frontend = `temporal-frontend:${portOf('FRONTEND_GRPC_PORT')}`;
      for (const name of ['hub', 'worker', 'temporal-ui', 'temporal-setup']) {
        expect([name, project.services[name]!.environment?.TEMPORAL_ADDRESS]).toEqual([name, frontend]);
      }
    });
  });

  it('documents every variable it interpolates in compose.env.example', () => {
    const used = new Set([...fs.readFileSync(COMPOSE, 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
    const example = fs.readFileSync(ENV_EXAMPLE, 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...used].filter((v) => !documented.has(v))).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});

describe('Dockerfile', () => {
  const text = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const stage = (name: string) => {
    const m = new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${name}\\b([\\s\\S]*?)(?=^FROM\\s|$(?![\\s\\S]))`, 'im').exec(text);
    if (!m) throw new Error(`no stage ${name}`);
    return m[1]!;
  };

  it('builds with a compiler in one stage and runs slim, non-root, under tini', () => {
    expect(stage('build')).toMatch(/g\+\+/);
    expect(stage('build')).toMatch(/npm ci/);
    expect(stage('build')).toMatch(/npm prune --omit=dev/);
    expect(stage('build')).toMatch(/build:workflows/);
    expect(stage('runtime')).not.toMatch(/g\+\+|make /);
    expect(stage('runtime')).toMatch(/USER node/);
    expect(stage('runtime')).toMatch(/ENTRYPOINT \["\/usr\/bin\/tini", "--"\]/);
    expect(text).toMatch(/^FROM runtime AS hub/m);
    expect(text).toMatch(/^FROM runtime AS worker/m);
    // The last USER of each final stage is node.
    for (const name of ['hub', 'worker']) {
      const users = [...stage(name).matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
      expect([name, users.at(-1) ?? 'node']).toEqual([name, 'node']);
    }
  });

  it('gives the worker Debian Chromium and fonts, and the prebuilt workflow bundle', () => {
    const worker = stage('worker');
    expect(worker).toMatch(/apt-get install[^\n]*chromium/);
    expect(worker).toMatch(/fonts-/);
    expect(worker).toMatch(/PUPPETEER_EXECUTABLE_PATH=\/usr\/bin\/chromium/);
    expect(worker).toMatch(/WORKFLOW_BUNDLE=\/app\/dist\/workflow-bundle\.js/);
    expect(worker).toMatch(/HEALTHCHECK/);
    expect(stage('hub')).toMatch(/HEALTHCHECK/);
    expect(stage('hub')).toMatch(/^ENV HOST=0\.0\.0\.0$/m);
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignored = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', 'compose.env', 'data', '.git']));
  });
});

describe('config/temporal/dynamic.yaml', () => {
  it('is a dynamic config both servers read: key → [{ value, constraints? }]', () => {
    const doc = parseYaml(fs.readFileSync(path.join(ROOT, 'config', 'temporal', 'dynamic.yaml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(doc).length).toBeGreaterThan(0);
    for (const [key, values] of Object.entries(doc)) {
      expect([key, Array.isArray(values) && values.length > 0]).toEqual([key, true]);
      for (const v of values as Array<Record<string, unknown>>) {
        expect([key, 'value' in v]).toEqual([key, true]);
        expect(Object.keys(v).filter((k) => k !== 'value' && k !== 'constraints')).toEqual([]);
      }
    }
  });
});
