import { LoggerService } from '@nestjs/common';
import pino, { Logger as PinoLogger } from 'pino';

/**
 * Field names whose values are personal data or secrets. Logs never carry them: pino replaces the
 * value wherever the key appears (top level or one/two levels down).
 */
const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'idNumber',
  'phone',
  'mobile',
  'name',
  'address',
  'authorization',
  'cookie',
  'x-api-key',
  'accessToken',
  'refreshToken',
  'token',
  'apiKey',
  'secret',
  'key',
];

const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

export const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) =>
  ['', '*', '*.*'].map((prefix) => `${prefix}${segment(key)}`.replace(/^\./, '')),
);

export function createRootLogger(level: string): PinoLogger {
  return pino({
    level,
    base: { service: 'health-platform' },
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Routes Nest's own logging through pino so every line is one JSON object. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, context ?? trace);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string) {
    if (message !== null && typeof message === 'object') {
      const { msg, ...fields } = message as { msg?: string };
      this.logger[level]({ context, ...fields }, msg);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
