import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { problemTypes } from '../../api/http/problem-types';
import { api, startSystem, type TestSystem } from '../support/system';

const root = path.resolve(__dirname, '..', '..');

/** Every finding of the DIGG ruleset (.spectral.yaml), of any severity, for a document. */
function lint(document: unknown): { code: string; path: string[] }[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iop-spectral-'));
  try {
    writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document));
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'spectral'), ['lint', path.join(dir, 'openapi.json'), '-r', path.join(root, '.spectral.yaml'), '-f', 'json', '-F', 'hint', '-o', path.join(dir, 'out.json')], { encoding: 'utf8' });
    if (run.error) throw run.error;
    return JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the published API against the DIGG REST API profile', () => {
  let system: TestSystem;
  let document: any;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
    document = (await api(system, 'GET', '/api/v1/openapi.json')).body;
    // As a deployment publishes it: over https.
    document.servers = [{ url: 'https://iop.example.se', description: 'This deployment' }];
  });
  afterAll(() => system.stop());

  it('when the OpenAPI document is linted with the ruleset, then there is no finding at all', () => {
    expect(lint(document).map((f) => `${f.code} ${f.path.join('.')}`)).toEqual([]);
  }, 120_000);

  it('when a document breaks the profile, then each of its rules finds it', () => {
    const broken = structuredClone(document);
    broken.servers = [{ url: 'http://iop.example.se' }];
    delete broken.info.license;
    const listTasks = broken.paths['/api/v1/tasks'].get;
    delete listTasks.description;
    listTasks.tags = ['Undeclared'];
    listTasks.parameters = listTasks.parameters.filter((p: any) => p.name !== 'after');
    broken.components.schemas.Task.properties.dueOn = { type: ['string', 'null'] };
    broken.paths['/api/v1/Tasks_List'] = broken.paths['/api/v1/tasks'];
    const codes = new Set(lint(broken).map((f) => f.code));
    for (const rule of ['digg-https-servers', 'info-license', 'operation-description', 'operation-tag-defined', 'digg-paging', 'digg-dates-have-format', 'digg-kebab-case-paths']) {
      expect([rule, codes.has(rule)]).toEqual([rule, true]);
    }
  }, 120_000);

  it('when any problem the API can answer is looked up by its type, then a page describes it', async () => {
    // Every problem type named anywhere in the source has its page.
    const source = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? source(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(path.join(dir, e.name), 'utf8')] : []));
    const named = new Set(
      [...source(path.join(root, 'api')), ...source(path.join(root, 'platform'))].flatMap((text) => [
        ...[...text.matchAll(/new ProblemError\(\s*\d+,\s*'([a-z-]+)'/g)].map((m) => m[1]!),
        ...[...text.matchAll(/\/problems\/([a-z-]+)/g)].map((m) => m[1]!),
      ]),
    );
    expect([...named].filter((slug) => !problemTypes[slug])).toEqual([]);
    for (const slug of Object.keys(problemTypes)) {
      const page = await fetch(`${system.baseUrl}/problems/${slug}`);
      expect([slug, page.status, page.headers.get('content-type')]).toEqual([slug, 200, 'text/html; charset=utf-8']);
      expect(await page.text()).toContain(String(problemTypes[slug]!.status));
    }
    // A real answer's type resolves.
    const refused = await api(system, 'GET', '/api/v1/partnerships/not-a-uuid', { key: system.adminKey });
    expect((await fetch(`${system.baseUrl}${refused.body.type}`)).status).toBe(200);
    expect((await fetch(`${system.baseUrl}/problems/no-such-problem`)).status).toBe(404);
  });
});
