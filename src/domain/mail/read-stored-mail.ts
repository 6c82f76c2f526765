import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { openFile, type FileStore } from '../files/index.ts';
import { defaultMailParser, type MailParser } from './mail-parser.ts';
import type { MailSettings, ParsedMail } from './parsed-mail.ts';

const RAW_CHUNK_BYTES = 1024 * 1024;

/** Parses a received message again from its raw source in the file store. */
export async function readStoredMail(db: Db | Tx, store: FileStore, mailMessageId: number, settings: MailSettings, parse?: MailParser): Promise<ParsedMail> {
  const mail = await db.mailMessage.findUnique({ where: { id: mailMessageId }, select: { rawFile: { select: { sha256: true } } } });
  if (!mail) throw notFound('E-mail', mailMessageId);
  return parseStoredSource(db, store, mail.rawFile.sha256, settings, parse);
}

/** readStoredMail for a caller that already has the raw source's hash. */
export async function parseStoredSource(db: Db | Tx, store: FileStore, sha256: string, settings: MailSettings, parse?: MailParser): Promise<ParsedMail> {
  const parser = parse ?? (await defaultMailParser());
  // Read in large chunks: most messages in one read; memory stays bounded by the chunk.
  const raw = await openFile(store, sha256, { chunkBytes: RAW_CHUNK_BYTES });
  try {
    return await parser(db, store, raw, settings);
  } finally {
    raw.destroy(); // closes the file even when the parser stopped early (a limit) or failed
  }
}
