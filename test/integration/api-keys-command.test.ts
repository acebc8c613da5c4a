import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { api, startSystem, type TestSystem } from '../support/system';
import { testRun } from '../support/run-config';

const projectRoot = path.resolve(__dirname, '..', '..');

function apiKeys(...args: string[]) {
  return spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/api-keys.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: testRun().databaseUrl },
    encoding: 'utf8',
  });
}

describe('the api-keys command', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  it('when a key is created, then it works at once, is stored only as a hash, and stops working when revoked', async () => {
    const created = apiKeys('create', '--role', 'CASE_OFFICER', '--label', 'Ciceron integration');
    expect(created.status).toBe(0);
    const key = /(iop_\S+)/.exec(created.stdout)![1]!;
    const id = /key id: (\S+)/.exec(created.stdout)![1]!;

    const row = await system.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ role: 'CASE_OFFICER', label: 'Ciceron integration', revokedAt: null });
    // The secret is base64url and may itself hold `_`, so it is everything after the id.
    const secret = key.slice(`iop_${id}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect((await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}`, { key })).status).toBe(404);

    const revoked = apiKeys('revoke', id);
    expect(revoked.status).toBe(0);
    expect((await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}`, { key })).status).toBe(401);
    expect(apiKeys('list').stdout).toMatch(new RegExp(`${id}\\tCASE_OFFICER\\t-\\trevoked`));
  }, 60_000);

  it('when a representative key names no organisation, or the role is unknown, then nothing is created', async () => {
    const before = await system.db.apiKey.count();
    const noOrganisation = apiKeys('create', '--role', 'ORGANISATION_REPRESENTATIVE', '--label', 'Röda Korset');
    const badRole = apiKeys('create', '--role', 'MAYOR', '--label', 'x');

    expect(noOrganisation.status).not.toBe(0);
    expect(noOrganisation.stderr).toContain('must name its organisation');
    expect(badRole.status).toBe(2);
    expect(await system.db.apiKey.count()).toBe(before);
  }, 60_000);
});
