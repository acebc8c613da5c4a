import { request, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createApp } from '../../api/app';
import { listen } from '../../api/http/server';
import { createLogger } from '../../platform/logger';
import { startSystem, type TestSystem } from '../support/system';

// The whole loopback network (127/8) reaches this machine: the flood comes from 127.0.0.1, the
// honest caller from 127.0.0.2, as two clients would from two addresses.
const flooder = '127.0.0.1';
const honest = '127.0.0.2';

/** One GET from `localAddress` on a fresh connection: its status, or the error that ended it. */
function get(port: number, path: string, localAddress: string, headers: Record<string, string> = {}): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, localAddress, headers, agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

/** Opens `count` connections from `localAddress`, a batch at a time, and keeps them silent. */
async function openIdle(port: number, localAddress: string, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 250) {
    const batch = Array.from({ length: Math.min(250, count - i) }, () => {
      const socket = connect({ host: '127.0.0.1', port, localAddress });
      socket.on('error', () => undefined);
      // Read what the server sends (its 408 as it closes): a paused socket would never see the close.
      socket.resume();
      sockets.push(socket);
      return new Promise<void>((resolve) => {
        socket.once('connect', () => resolve());
        socket.once('close', () => resolve());
      });
    });
    await Promise.all(batch);
  }
  return sockets;
}

describe('the API under a flood of connections', () => {
  let system: TestSystem;
  let server: Server;
  let port: number;
  let sockets: Socket[] = [];

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    const { app } = createApp({ db: system.db, temporal: system.temporal, taskQueue: system.taskQueue, logger: createLogger({ level: 'silent', name: 'flood' }), publicBaseUrl: 'http://127.0.0.1' });
    server = await listen(app, { port: 0, host: '127.0.0.1', limits: { maxConnections: 2_000, maxConnectionsPerClient: 100, requestTimeoutMs: 4_000 } });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await system.stop();
  });

  it('when one address holds 5,000 idle connections, then honest requests from another are served throughout, and the flood is held to 100 connections and closed within seconds', async () => {
    sockets = await openIdle(port, flooder, 5_000);
    const held = await new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    expect(held).toBeLessThanOrEqual(100);

    const answers: (number | string)[] = [];
    for (let i = 0; i < 20; i += 1) {
      answers.push(await get(port, '/healthz', honest));
      answers.push(await get(port, '/api/v1/partnerships?limit=1', honest, { 'x-api-key': system.adminKey }));
    }
    expect(answers).toEqual(Array(40).fill(200));

    // Idle connections are closed once they have sent no request for the headers' timeout (4 s here).
    const closedBy = Date.now() + 8_000;
    while (sockets.some((s) => !s.closed) && Date.now() < closedBy) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sockets.filter((s) => !s.closed).length).toBe(0);
    expect(await new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))))).toBe(0);
  }, 90_000);

  it('when a client dribbles its body a few bytes at a time, then the request is cut off at its timeout rather than held', async () => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: honest });
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    socket.write(`POST /api/v1/organisations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nX-API-Key: ${system.adminKey}\r\n\r\n`);
    const dribble = setInterval(() => socket.writable && socket.write('{"name":"x'), 1_000);
    try {
      await new Promise((resolve) => socket.once('close', resolve));
    } finally {
      clearInterval(dribble);
    }
    const tookMs = Date.now() - started;
    expect(tookMs).toBeGreaterThanOrEqual(3_500);
    expect(tookMs).toBeLessThan(8_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);
});
