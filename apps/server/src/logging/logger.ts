import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { FiredrillConfig } from '#config';

/** Structured JSON logs on stdout; one logger per process. */
export function createLogger(config: Pick<FiredrillConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'firedrill' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

/** Routes Nest's own log lines (module init, route mapping) through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

export const LOGGER = Symbol('Logger');
