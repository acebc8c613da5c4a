import nodemailer, { type Transporter } from 'nodemailer';

export type Mailer = Transporter;

export function createMailer(smtpUrl: string): Mailer {
  // Short timeouts: a dead or silent SMTP server fails the attempt quickly, and Temporal retries
  // it later, instead of the attempt hanging until the activity's own timeout.
  const url = new URL(smtpUrl);
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
