// How the workflow code is bundled, everywhere it is: the worker at start, the production image,
// the tests, the benchmarks and the replay of recorded histories.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

export const workflowsPath = require.resolve('../workflows');

/** The workflow's part of a trace (platform/tracing.ts), in every bundle whether tracing runs or not. */
export const workflowTracingModule = require.resolve('../workflows/tracing-interceptors');

const domainFolder = path.join(__dirname, '..', 'domain');

/**
 * Every module of domain/: pure, with no state of its own and no Temporal import (both held by the
 * lint), so one copy can serve every workflow. The reusable V8 context loads preloaded modules once
 * and deep-freezes them; every other module is loaded again for each workflow it runs, which is what
 * a cached partnership's memory was mostly made of.
 */
export function domainModules(folder = domainFolder): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return domainModules(file);
    return /\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** zod stays out of the bundle (worker/zod-stand-in.ts); the domain is shared by all workflows. */
export function workflowBundlerOptions(): Pick<BundleOptions, 'webpackConfigHook' | 'preloadModules' | 'workflowInterceptorModules'> {
  return {
    preloadModules: domainModules(),
    workflowInterceptorModules: [workflowTracingModule],
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), zod$: path.join(__dirname, 'zod-stand-in.ts') } },
    }),
  };
}
