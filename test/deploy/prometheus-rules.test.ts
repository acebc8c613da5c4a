import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { runCommand } from '../support/run-command';

const projectRoot = path.resolve(__dirname, '..', '..');
const rulesFile = path.join(projectRoot, 'deploy', 'prometheus', 'alerts.yml');
const dashboardFile = path.join(projectRoot, 'deploy', 'grafana', 'iop-lifecycle.json');

// Debian's prometheus package, installed by `node scripts/setup.mjs --test`.
const promtool = (...args: string[]) => runCommand('promtool', args, { cwd: projectRoot, env: process.env });

interface Dashboard {
  panels: { type: string; title: string; targets?: { expr: string }[] }[];
}
const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as Dashboard;
const dashboardExpressions = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));
const alertExpressions = (parse(readFileSync(rulesFile, 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules.map((r) => ({ panel: r.alert, expr: r.expr })));

/** Where the product names its metrics: the API's (prom-client) and the worker's (the Temporal SDK's meter). */
const productSources = ['api/http/api-metrics.ts', 'activities/worker-metrics.ts', 'worker/create-worker.ts'].map((file) => readFileSync(path.join(projectRoot, file), 'utf8')).join('\n');

describe('the Prometheus alerts and the Grafana dashboard', () => {
  it('when promtool checks the rules, then they are valid', async () => {
    const checked = await promtool('check', 'rules', rulesFile);
    expect([checked.status, checked.output]).toEqual([0, expect.stringContaining('SUCCESS')]);
  });

  it("when promtool runs the alerts' unit tests, then each alert fires on its case and stays quiet on the others", async () => {
    const tested = await promtool('test', 'rules', path.join(projectRoot, 'deploy', 'prometheus', 'alerts.test.yml'));
    expect([tested.status, tested.output]).toEqual([0, expect.stringContaining('SUCCESS')]);
  });

  it("when the dashboard's queries are checked as rules, then each is valid PromQL", async () => {
    expect(dashboardExpressions.length).toBeGreaterThan(15);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'iop-dashboard-'));
    try {
      const file = path.join(dir, 'dashboard-queries.yml');
      const rules = dashboardExpressions.map(({ expr }, i) => `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(expr)}`).join('\n');
      writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules}\n`);
      const checked = await promtool('check', 'rules', file);
      expect([checked.status, checked.output]).toEqual([0, expect.stringContaining(`SUCCESS: ${dashboardExpressions.length} rules found`)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("when the alerts and the dashboard name one of the product's metrics, then the product declares it", () => {
    const named = new Set([...alertExpressions, ...dashboardExpressions].flatMap(({ expr }) => expr.match(/\biop_[a-z_]+/g) ?? []));
    expect(named.size).toBeGreaterThan(8);
    // A family's samples carry suffixes of the exposition: _total, _bucket, _count, _sum, and the unit;
    // the process's own families are prom-client's defaults, under the API's prefix.
    const declared = (name: string) =>
      [name, name.replace(/_(bucket|count|sum)$/, ''), name.replace(/(_seconds)?(_total|_bucket|_count|_sum)?$/, '')].some((family) => productSources.includes(`'${family}'`)) ||
      (/^iop_api_(process|nodejs)_/.test(name) && productSources.includes("prefix: 'iop_api_'"));
    expect([...named].filter((name) => !declared(name))).toEqual([]);
  });
});
