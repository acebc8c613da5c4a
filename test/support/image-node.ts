import { existsSync } from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

/**
 * The Node.js of the production image, which `scripts/setup.mjs --test` installs from the npm
 * registry into .tools/node24 (not node_modules, where it would become every npm script's `node`).
 */
export function imageNodePath(): string {
  const binary = path.join(projectRoot, '.tools', 'node24', 'node_modules', '.bin', 'node');
  if (!existsSync(binary)) throw new Error(`no Node.js 24 at ${path.relative(projectRoot, binary)}: run node scripts/setup.mjs --test`);
  return binary;
}
