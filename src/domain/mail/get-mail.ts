import type { Db, Tx } from '../../db.ts';
import { isAppError, notFound } from '../../errors.ts';
import { openFile, type FileStore } from '../files/index.ts';
import { parseEmail, type ParsedEmail } from '../files/parse-email.ts';
import { asCandidates, asTrace } from './mail-trace.ts';
import { suggestContactFromMail } from './suggest-contact-from-mail.ts';

/** One received message with what became of it, for the triage detail page. */
export async function getMail(db: Db | Tx, id: number) {
  const mail = await db.mailMessage.findUnique({
    where: { id },
    include: {
      rawFile: { select: { sha256: true, size: true, mimeType: true } },
      forwarder: { select: { id: true, name: true, email: true } },
      contact: { select: { id: true, number: true, title: true } },
    },
  });
  if (!mail) throw notFound('E-mail', id);
  return { ...mail, trace: asTrace(mail.trace), candidates: asCandidates(mail.candidates), suggestion: await suggestContactFromMail(db, mail) };
}

/**
 * The message read for display (headers, attachment list, untrusted HTML to be sanitized, text),
 * or why it cannot be shown (too large, unreadable): the raw source stays downloadable.
 */
export async function readMailForDisplay(db: Db | Tx, store: FileStore, id: number): Promise<{ email: ParsedEmail | null; problem: string | null }> {
  const mail = await db.mailMessage.findUnique({ where: { id }, select: { rawFile: { select: { sha256: true } } } });
  if (!mail) throw notFound('E-mail', id);
  try {
    return { email: await parseEmail(await openFile(store, mail.rawFile.sha256)), problem: null };
  } catch (error) {
    if (isAppError(error)) return { email: null, problem: error.message };
    return { email: null, problem: `unreadable: ${(error as Error).message}` };
  }
}
