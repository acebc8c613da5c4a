import path from 'node:path';
import { api, startSystem, type TestSystem } from '../support/system';
import { testRun } from '../support/run-config';
import { runCommand } from '../support/run-command';

const projectRoot = path.resolve(__dirname, '..', '..');

/** Runs scripts/api-keys.ts to its end. */
function apiKeys(...args: string[]) {
  return runCommand(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/api-keys.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: testRun().databaseUrl },
  });
}

describe('the api-keys command', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  it('when a key is created, then it works at once, is stored only as a hash, and stops working when revoked', async () => {
    const created = await apiKeys('create', '--role', 'CASE_OFFICER', '--label', 'Ciceron integration');
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

    const revoked = await apiKeys('revoke', id);
    expect(revoked.status).toBe(0);
    expect((await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}`, { key })).status).toBe(401);
    expect((await apiKeys('list')).stdout).toMatch(new RegExp(`${id}\\tCASE_OFFICER\\t-\\trevoked`));
  }, 60_000);

  it('when a key is rotated, then old and new both work through the grace period, and only the new one after it', async () => {
    const created = await apiKeys('create', '--role', 'CASE_OFFICER', '--label', 'Platina integration');
    const oldKey = /(iop_\S+)/.exec(created.stdout)![1]!;
    const oldId = /key id: (\S+)/.exec(created.stdout)![1]!;

    const rotated = await apiKeys('rotate', oldId, '--grace-hours', '2');
    expect(rotated.status).toBe(0);
    const newKey = /(iop_\S+)/.exec(rotated.stdout)![1]!;
    const newId = /key id: (\S+)/.exec(rotated.stdout)![1]!;
    const works = async (key: string) => (await api(system, 'GET', '/api/v1/tasks', { key })).status;
    expect([await works(oldKey), await works(newKey)]).toEqual([200, 200]);
    const successor = await system.db.apiKey.findUniqueOrThrow({ where: { id: newId } });
    expect(successor).toMatchObject({ role: 'CASE_OFFICER', label: 'Platina integration', expiresAt: null });
    const old = await system.db.apiKey.findUniqueOrThrow({ where: { id: oldId } });
    expect(old.expiresAt!.getTime() - Date.now()).toBeGreaterThan(119 * 60_000);

    // The grace period runs out.
    await system.db.apiKey.update({ where: { id: oldId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect([await works(oldKey), await works(newKey)]).toEqual([401, 200]);
    expect((await apiKeys('rotate', oldId)).status).toBe(1);
  });

  it('when a key is created to expire, then it works until then and is refused with 401 after', async () => {
    const created = await apiKeys('create', '--role', 'AUDITOR', '--label', 'Revision 2026', '--expires-in-days', '30');
    const key = /(iop_\S+)/.exec(created.stdout)![1]!;
    const id = /key id: (\S+)/.exec(created.stdout)![1]!;
    expect((await api(system, 'GET', '/api/v1/tasks', { key })).status).toBe(200);
    await system.db.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await api(system, 'GET', '/api/v1/tasks', { key });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('The API key is not valid');
  });

  it('when a representative key names no organisation, one that is not registered, or the role is unknown, then nothing is created', async () => {
    const before = await system.db.apiKey.count();
    const noOrganisation = await apiKeys('create', '--role', 'ORGANISATION_REPRESENTATIVE', '--label', 'Röda Korset');
    const unknownOrganisation = await apiKeys('create', '--role', 'ORGANISATION_REPRESENTATIVE', '--label', 'Röda Korset', '--organisation', crypto.randomUUID());
    const badRole = await apiKeys('create', '--role', 'MAYOR', '--label', 'x');

    expect(noOrganisation.status).not.toBe(0);
    expect(noOrganisation.stderr).toContain('must name its organisation');
    expect(unknownOrganisation.status).not.toBe(0);
    expect(unknownOrganisation.stderr).toContain('is registered');
    expect(badRole.status).toBe(2);
    expect(await system.db.apiKey.count()).toBe(before);
  }, 60_000);
});
