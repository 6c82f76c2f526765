import type { Db, Tx } from '../../db.ts';
import { openFile, type FileStore } from '../files/index.ts';
import { defaultMailParser, type MailParser } from './mail-parser.ts';
import type { MailSettings, ParsedMail } from './parsed-mail.ts';

/** Parses a received message again from its raw source in the file store. */
export async function readStoredMail(db: Db | Tx, store: FileStore, mailMessageId: number, settings: MailSettings, parse?: MailParser): Promise<ParsedMail> {
  const mail = await db.mailMessage.findUniqueOrThrow({ where: { id: mailMessageId }, select: { rawFile: { select: { sha256: true } } } });
  const parser = parse ?? (await defaultMailParser());
  const raw = await openFile(store, mail.rawFile.sha256);
  try {
    return await parser(db, store, raw, settings);
  } finally {
    raw.destroy(); // closes the file even when the parser stopped early (a limit) or failed
  }
}
