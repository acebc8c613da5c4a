import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback that keeps what it receives. It can be stopped and started again
 * on the same port, to take mail delivery down across a test.
 */
export class TestSmtpServer {
  /** Addresses refused for good (550), as a server refuses an unknown mailbox. */
  readonly refused = new Set<string>();

  readonly messages: ParsedMail[] = [];
  /** Every message accepted, parsed or not. */
  received = 0;
  private server: SMTPServer | undefined;
  private port = 0;

  /**
   * `parse: false` accepts each message as a mail server queues it, without reading its MIME parts
   * and before anything else is done with it (benchmarks: parsing is not the sender's cost, and the
   * answer to DATA would wait for it). Tests keep every message parsed, to read it.
   */
  constructor(private readonly options: { parse: boolean } = { parse: true }) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // The worker's mailer keeps a pool of open connections: stop() says 421 to them after half a
      // second rather than waiting 30 s for them to go.
      closeTimeout: 500,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.refused.has(address.address.toLowerCase())) return callback();
        callback(Object.assign(new Error('5.1.1 <' + address.address + '>: Recipient address rejected: User unknown'), { responseCode: 550 }));
      },
      onData: (stream, _session, callback) => {
        if (!this.options.parse) {
          stream.resume();
          stream.on('end', () => {
            this.received += 1;
            callback();
          });
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            this.received += 1;
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Reserves a port without listening on it: mail to `url` is refused until start(). */
  async reservePort(): Promise<this> {
    await this.start();
    await this.stop();
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async waitForMessages(count: number, timeoutMs = 30_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} e-mail(s), got ${this.messages.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.messages;
  }
}
