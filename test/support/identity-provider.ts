// The embedded OpenID provider (scripts/identity-provider.ts) as npm start runs it: a process of its
// own on a loopback port, with the demo people, for the API under test to sign people in at.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

/** A loopback port free now, for a server whose URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export async function startIdentityProvider(options: { apiBaseUrl: string; audience: string; accessTokenSeconds?: number }): Promise<TestIdentityProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientSecret = randomBytes(24).toString('hex');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/identity-provider.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      IDP_ISSUER: issuer,
      IDP_AUDIENCE: options.audience,
      IDP_CLIENT_ID: 'iop-workspace',
      IDP_CLIENT_SECRET: clientSecret,
      IDP_REDIRECT_URI: `${options.apiBaseUrl}/auth/callback`,
      IDP_POST_LOGOUT_REDIRECT_URI: `${options.apiBaseUrl}/`,
      IDP_KEY_FILE: path.join(mkdtempSync(path.join(os.tmpdir(), 'iop-idp-')), 'key.json'),
      ...(options.accessTokenSeconds ? { IDP_ACCESS_TOKEN_SECONDS: String(options.accessTokenSeconds) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the identity provider did not start:\n${output}`)), 30_000);
    child.once('message', (message) => message === 'ready' && (clearTimeout(timer), resolve()));
    child.once('exit', () => (clearTimeout(timer), reject(new Error(`the identity provider exited:\n${output}`))));
  });
  return {
    issuer,
    clientId: 'iop-workspace',
    clientSecret,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
