// Bolt and the Slack SDK log through @slack/logger's interface; this forwards to our pino logger.
import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import type { Logger } from '../logger.ts';

export function boltLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const join = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => log.debug(join(msg)),
    info: (...msg) => log.info(join(msg)),
    warn: (...msg) => log.warn(join(msg)),
    error: (...msg) => log.error(join(msg)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
