// The `mail` role: the IMAP reader for config.imap, or a log line saying why it is off.
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import type { Enqueue } from '../jobs/queues.ts';
import type { Logger } from '../logger.ts';
import type { StartedRole } from '../roles/types.ts';
import { createMailIngester } from './imap-reader.ts';
import { mailFileStore } from './mail-config.ts';

export async function startMail(config: Config, deps: { db: Db; redis: Redis; enqueue: Enqueue; logger: Logger }): Promise<StartedRole | null> {
  if (!config.imap) {
    deps.logger.info('mail: off — IMAP_HOST is not set (set IMAP_HOST, IMAP_USER and IMAP_PASSWORD to read the contacts inbox)');
    return null;
  }
  const ingester = createMailIngester({ ...deps, store: mailFileStore(config), imap: config.imap, mailSettings: config.mail });
  await ingester.start();
  return { name: 'mail', stop: () => ingester.stop() };
}
