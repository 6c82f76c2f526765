import type { Redis } from 'ioredis';
import type { Db } from '../db.ts';
import type { FileStore } from '../domain/files/index.ts';
import type { IngestSettings } from '../domain/mail/mail-settings.ts';
import type { DomainSettings } from '../domain/shared/settings.ts';
import type { Logger } from '../logger.ts';
import type { WorkLane } from './work-lane.ts';

/** What every Slack listener may use. Built once by createSlackChannel(). */
export type SlackDeps = {
  db: Db;
  redis: Redis;
  logger: Logger;
  /** Where files captured from Slack go (the panel's store). */
  fileStore: FileStore;
  settings: DomainSettings;
  /** The mail ingester's settings, for triage buttons that file a stored e-mail. */
  mailSettings: IngestSettings;
  /** The panel's address, for "Open in panel" links and unfurling. */
  publicUrl: string;
  /** Downloads of Slack files need the bot token (Authorization header). */
  botToken: string;
  /** Largest file downloaded from Slack, in bytes. */
  maxFileBytes: number;
  /** Redis key prefix (dedupe); tests use their own. */
  keyPrefix: string;
  /** Where slow work after an ack runs (bounded; see work-lane.ts). Default: 16 at a time. */
  lane?: WorkLane;
};

/** The panel URL of a contact. */
export const contactUrl = (deps: Pick<SlackDeps, 'publicUrl'>, contactId: number) => `${deps.publicUrl}/contacts/${contactId}`;
