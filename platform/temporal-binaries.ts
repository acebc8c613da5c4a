import { existsSync } from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..');
const toolsBin = path.join(projectRoot, '.tools', 'temporal', 'bin');

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = dir && path.join(dir, name);
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function resolve(envVariable: string, name: string): string | undefined {
  const fromEnv = process.env[envVariable];
  if (fromEnv) return fromEnv;
  const installed = path.join(toolsBin, name);
  return onPath(name) ?? (existsSync(installed) ? installed : undefined);
}

/** The Temporal CLI: TEMPORAL_CLI_PATH, else PATH, else the PyPI copy; undefined means "let the SDK download it". */
export const temporalCliPath = (): string | undefined => resolve('TEMPORAL_CLI_PATH', 'temporal');

/** The time-skipping test server, resolved the same way. */
export const temporalTestServerPath = (): string | undefined => resolve('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');
