import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:tls';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../platform/config';
import { temporalConnectionOptions } from '../../platform/temporal-connection';
import { runCommand } from '../support/run-command';
import { testRun } from '../support/run-config';

// A secured Temporal, as a cluster behind mTLS is: TLS with a certificate of a private CA, a client
// certificate required, HTTP/2 by ALPN, in front of the run's dev server. The settings are read as
// the API and the worker read them.
describe('Temporal over TLS and mTLS', () => {
  let dir: string;
  let proxy: Server;
  let address: string;
  const pemOf = (name: string) => readFileSync(path.join(dir, name), 'utf8');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'iop-temporal-tls-'));
    const openssl = async (...args: string[]) => {
      const done = await runCommand('openssl', args, { cwd: dir, env: process.env });
      if (done.status !== 0) throw new Error(done.output);
    };
    await openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=IOP test CA');
    for (const [name, subject] of [['server', 'temporal.test'], ['client', 'iop-worker']] as const) {
      await openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${subject}`);
      await runCommand('sh', ['-c', `printf 'subjectAltName=DNS:${subject}\\nextendedKeyUsage=${name === 'server' ? 'serverAuth' : 'clientAuth'}\\n' > ${name}.ext`], { cwd: dir, env: process.env });
      await openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
    }
    const [host, port] = testRun().temporalAddress.split(':') as [string, string];
    proxy = createServer({ key: pemOf('server.key'), cert: pemOf('server.pem'), ca: pemOf('ca.pem'), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] }, (socket) => {
      const upstream = connect(Number(port), host);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    proxy.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = (extra: Record<string, string> = {}) =>
    temporalConnectionOptions(
      loadConfig({
        DATABASE_URL: 'postgresql://unused@127.0.0.1/unused',
        TEMPORAL_ADDRESS: address,
        TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
        TEMPORAL_TLS_CA_FILE: path.join(dir, 'ca.pem'),
        ...extra,
      }),
    );

  it("when the client's certificate and key are set, then the API's client and the worker's connection both reach Temporal", async () => {
    const options = settings({ TEMPORAL_TLS_CERT_FILE: path.join(dir, 'client.pem'), TEMPORAL_TLS_KEY_FILE: path.join(dir, 'client.key') });
    const client = await Connection.connect(options);
    try {
      expect((await client.workflowService.getSystemInfo({})).serverVersion).toMatch(/^\d+\.\d+/);
    } finally {
      await client.close();
    }
    const native = await NativeConnection.connect(options);
    try {
      expect((await native.workflowService.getSystemInfo({})).serverVersion).toMatch(/^\d+\.\d+/);
    } finally {
      await native.close();
    }
  });

  it('when no client certificate is set, then the secured Temporal refuses the connection', async () => {
    await expect(Connection.connect({ ...settings(), connectTimeout: 3_000 }).then((c) => c.workflowService.getSystemInfo({}))).rejects.toThrow();
  });

  it('when TLS is off, then the connection is plain, as on a developer’s machine', () => {
    expect(temporalConnectionOptions(loadConfig({ DATABASE_URL: 'postgresql://unused@127.0.0.1/unused', TEMPORAL_ADDRESS: '127.0.0.1:7233' }))).toEqual({ address: '127.0.0.1:7233' });
    expect(temporalConnectionOptions(loadConfig({ DATABASE_URL: 'postgresql://unused@127.0.0.1/unused', TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233', TEMPORAL_API_KEY: 'cloud-key' }))).toEqual({ address: 'ns.tmprl.cloud:7233', tls: true, apiKey: 'cloud-key' });
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://unused@127.0.0.1/unused', TEMPORAL_TLS_CERT: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----' })).toThrow('TEMPORAL_TLS_KEY is required when TEMPORAL_TLS_CERT is set');
  });
});
