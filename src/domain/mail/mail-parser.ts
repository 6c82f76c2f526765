// The parser processMail and the triage use cases call: parseMail from parse-mail.ts (the
// contract is ParsedMail in parsed-mail.ts). Tests may pass their own.
import type { Readable } from 'node:stream';
import type { Db, Tx } from '../../db.ts';
import type { FileStore } from '../files/index.ts';
import { parseMail } from './parse-mail.ts';
import type { MailSettings, ParsedMail } from './parsed-mail.ts';

export type MailParser = (db: Db | Tx, store: FileStore, raw: Readable, settings: MailSettings) => Promise<ParsedMail>;

/** parseMail from ./parse-mail.ts. */
export function defaultMailParser(): Promise<MailParser> {
  return Promise.resolve(parseMail);
}
