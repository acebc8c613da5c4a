import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configKeys, configSchema } from '../../platform/config';

const projectRoot = path.resolve(__dirname, '..', '..');
const compose = parse(readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string>; ports?: string[]; healthcheck?: unknown; restart?: string }>;
};
const dockerfile = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');
const ours = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

describe('docker-compose.yml, the reference deployment', () => {
  it('when the file is parsed, then it has every service of the deployment', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mail', 'migrate', 'postgres', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui', 'worker']);
  });

  it('when images are named, then each is pinned to a version, in the compose file and the Dockerfile', () => {
    const images = [
      ...Object.values(compose.services).flatMap((s) => (s.image ? [s.image] : [])),
      ...[...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]!),
    ];
    expect(images.length).toBeGreaterThan(5);
    for (const image of images) expect(image).toMatch(/^[^:]+:(?!latest$)[\w.-]*\d[\w.-]*$/);
  });

  it('when a long-running service is declared, then it has a health check', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.restart === 'no') continue;
      expect({ name, healthcheck: service.healthcheck }).toEqual({ name, healthcheck: expect.anything() });
    }
  });

  it('when our services are given variables, then each is one the configuration module knows, and they pass its schema', () => {
    expect(ours.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
    for (const [name, service] of ours) {
      for (const variable of Object.keys(service.environment ?? {})) expect({ name, variable, known: configKeys.includes(variable as never) }).toEqual({ name, variable, known: true });
      if (name !== 'migrate') expect(configSchema.safeParse(service.environment).success).toBe(true);
    }
  });

  it("when the API is published, then the port matches the API's PORT", () => {
    const api = compose.services.api!;
    expect(api.ports).toEqual([`${api.environment!.PORT}:${api.environment!.PORT}`]);
  });
});
