import nodemailer, { type Transporter } from 'nodemailer';

export type Mailer = Transporter;

/** requireTls: over smtp://, refuse to send unless the server upgrades the connection with STARTTLS (SMTP_REQUIRE_TLS). */
export function createMailer(smtpUrl: string, options: { requireTls?: boolean } = {}): Mailer {
  // Short timeouts: a dead or silent SMTP server fails the attempt quickly, and Temporal retries
  // it later, instead of the attempt hanging until the activity's own timeout.
  const url = new URL(smtpUrl);
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    requireTLS: options.requireTls ?? false,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    // A pool: when many reminders fall due in the same minute, each message does not open a
    // connection and greet the server again (bench/lateness.ts). Call close() at shutdown.
    pool: true,
    maxConnections: 5,
    maxMessages: 100,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
