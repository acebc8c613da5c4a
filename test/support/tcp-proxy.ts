import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server, to take that server away from the system under test:
 * `refuse` closes every connection and refuses new ones (the server is down); `hang` keeps the
 * connections open but passes nothing either way (the server is hung); `pass` is normal service.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  mode: 'pass' | 'refuse' | 'hang' = 'pass';
  port = 0;

  constructor(
    private readonly target: { host: string; port: number },
  ) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      if (this.mode === 'refuse') return void client.destroy();
      const upstream = net.connect(this.target.port, this.target.host);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const forward = (from: Socket, to: Socket) => from.on('data', (chunk) => this.mode === 'pass' && to.write(chunk));
      forward(client, upstream);
      forward(upstream, client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The server is down: open connections are cut and new ones refused. */
  refuse(): void {
    this.mode = 'refuse';
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
  }

  hang(): void {
    this.mode = 'hang';
  }

  pass(): void {
    this.mode = 'pass';
  }

  /** A connection URL like `url`, through the proxy. */
  urlFor(url: string): string {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    return through.toString();
  }

  async stop(): Promise<void> {
    this.refuse();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
