import { readFileSync } from 'node:fs';
import { testRun } from '../support/run-config';

describe('the workflow bundle', () => {
  it('when the bundle the tests run is read, then zod is not in it: each cached workflow would carry a copy', () => {
    const bundle = readFileSync(testRun().workflowBundlePath, 'utf8');
    expect(bundle).toContain('zod-stand-in');
    expect(bundle).not.toMatch(/ZodError|\$ZodType|node_modules\/zod\//);
  });
});
