// Config → what the mail ingester and the mail-route worker need, in one place (main.ts, cli.ts).
import type { Config } from '../config.ts';
import { MAX_STORABLE_BYTES, createFileStore, type FileStore } from '../domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS, type IngestSettings } from '../domain/mail/mail-settings.ts';

export function ingestSettingsFrom(config: Config): IngestSettings {
  return {
    ...DEFAULT_MAIL_SETTINGS,
    limits: { ...DEFAULT_MAIL_SETTINGS.limits, maxMessageBytes: config.mail.maxMessageBytes, maxAttachments: config.mail.maxAttachments },
    allowedDomains: config.mail.allowedDomains,
    faxSenders: config.mail.faxSenders,
    domain: { timeZone: config.timeZone },
  };
}

/**
 * The store raw mail goes to: the same DATA_DIR (content-addressed, so sharing is safe) with a cap
 * of twice the parse limit, so a message over MAIL_MAX_MESSAGE_MB is still kept raw (and rejected).
 */
export function mailFileStore(config: Config): FileStore {
  const maxFileBytes = Math.min(MAX_STORABLE_BYTES, Math.max(config.maxFileBytes, config.mail.maxMessageBytes * 2));
  return createFileStore({ dataDir: config.dataDir, maxFileBytes });
}
