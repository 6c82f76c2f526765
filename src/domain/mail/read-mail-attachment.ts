import { simpleParser } from 'mailparser';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { openFile, sanitizeFileName, type FileStore } from '../files/index.ts';
import { EMAIL_LIMITS } from '../files/parse-email.ts';

/** The n-th attachment (0-based, in parseEmail's order) of a stored message, for download from triage. */
export async function readMailAttachment(db: Db | Tx, store: FileStore, id: number, index: number) {
  const mail = await db.mailMessage.findUnique({ where: { id }, select: { size: true, rawFile: { select: { sha256: true } } } });
  if (!mail) throw notFound('E-mail', id);
  if (mail.size > EMAIL_LIMITS.maxBytes) throw notFound('Attachment', index);
  const parsed = await simpleParser(await openFile(store, mail.rawFile.sha256), { maxHtmlLengthToParse: EMAIL_LIMITS.maxHtmlChars, skipTextLinks: true, skipTextToHtml: true });
  const attachment = parsed.attachments.slice(0, EMAIL_LIMITS.maxAttachments)[index];
  if (!attachment) throw notFound('Attachment', index);
  return { fileName: sanitizeFileName(attachment.filename ?? `attachment-${index + 1}`), content: attachment.content };
}
