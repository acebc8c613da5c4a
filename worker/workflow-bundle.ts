// How the workflow code is bundled, everywhere it is: the worker at start, the production image,
// the tests, the benchmarks and the replay of recorded histories.
import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

export const workflowsPath = require.resolve('../workflows');

/** zod stays out of the bundle (worker/zod-stand-in.ts). */
export function workflowBundlerOptions(): Pick<BundleOptions, 'webpackConfigHook'> {
  return {
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), zod$: path.join(__dirname, 'zod-stand-in.ts') } },
    }),
  };
}
