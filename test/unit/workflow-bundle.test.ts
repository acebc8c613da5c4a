import { readFileSync } from 'node:fs';
import path from 'node:path';
import { domainModules } from '../../worker/workflow-bundle';
import { testRun } from '../support/run-config';

describe('the workflow bundle', () => {
  it('when the bundle the tests run is read, then zod is not in it: each cached workflow would carry a copy', () => {
    const bundle = readFileSync(testRun().workflowBundlePath, 'utf8');
    expect(bundle).toContain('zod-stand-in');
    expect(bundle).not.toMatch(/ZodError|\$ZodType|node_modules\/zod\//);
  });
});

describe('the modules every workflow shares', () => {
  it('when the bundle the tests run is read, then each module of domain/ is loaded once for all workflows, not once for each', () => {
    const bundle = readFileSync(testRun().workflowBundlePath, 'utf8');
    const preload = /preloadModules\(\) \{([\s\S]*?)\n\}/.exec(bundle)?.[1] ?? '';
    const preloaded = [...preload.matchAll(/\.\/domain\/[\w/.-]+/g)].map((m) => m[0]);
    const expected = domainModules().map((file) => `./${path.relative(path.join(__dirname, '..', '..'), file)}`);
    expect(expected.length).toBeGreaterThan(10);
    expect([...new Set(preloaded)].sort()).toEqual(expected.sort());
  });
});
