// The API's HTTP server, bounded so that a flood of connections cannot starve honest callers: so many
// connections in all, so many from one address, and none held idle or dribbling for long. What a
// reverse proxy in front should add is in docs/security.md.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

export interface ConnectionLimits {
  /** Connections open at once, in all: beyond it a new one is closed as it is accepted. */
  maxConnections: number;
  /** Connections open at once from one address; 0: no such limit (behind a proxy, all come from it). */
  maxConnectionsPerClient: number;
  /** How long a request may take to arrive, headers and body; a connection that sends nothing is closed sooner. */
  requestTimeoutMs: number;
}

/** How long a kept-alive connection may wait for its next request. */
const keepAliveTimeoutMs = 5_000;
/** How long a connection may take to send a request's headers: the first request's or, kept alive, the next one's. */
const headersTimeoutMs = 10_000;

export function listen(app: Express, options: { port: number; host: string; limits: ConnectionLimits }): Promise<Server> {
  const { limits } = options;
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(headersTimeoutMs, limits.requestTimeoutMs),
      keepAliveTimeout: keepAliveTimeoutMs,
      // The timeouts above are checked this often (30 s by default): an idle connection goes within a second of its time.
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  if (limits.maxConnectionsPerClient > 0) limitPerClient(server, limits.maxConnectionsPerClient);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Closes a connection as it is accepted when its address already holds `max`. */
function limitPerClient(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
