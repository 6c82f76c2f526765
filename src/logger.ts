import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'kontakt'): Logger {
  return pino({ name, level });
}
