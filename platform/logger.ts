import pino, { type DestinationStream, type Logger } from 'pino';
import { traceFields } from './tracing';

export type { Logger };

/**
 * Paths that may carry credentials or personal data. pino replaces them before a line is written,
 * so no call site has to remember.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.email',
  '*.coordinatorEmail',
  '*.recipient',
  '*.phone',
  'DATABASE_URL',
  'SMTP_URL',
];

export function createLogger(options: { level: string; name: string; destination?: DestinationStream }): Logger {
  return pino(
    {
    name: options.name,
    level: options.level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    // The trace a line belongs to, when it is written within one (platform/tracing.ts).
    mixin: traceFields,
    },
    options.destination,
  );
}
