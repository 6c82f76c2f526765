import type { Db, Tx } from '../../db.ts';
import { notFound, validation } from '../../errors.ts';
import { openFile, type FileStore } from '../files/index.ts';
import { parseEmail } from '../files/parse-email.ts';

export const EMAIL_MIME_TYPE = 'message/rfc822';

/** A stored e-mail (.eml) version parsed for display, with the contact it is filed on. */
export async function readEmailVersion(db: Db | Tx, store: FileStore, versionId: number) {
  const version = await db.fileVersion.findUnique({
    where: { id: versionId },
    include: { storedFile: true, item: { select: { contact: { select: { id: true, number: true } } } } },
  });
  if (!version) throw notFound('File version', versionId);
  if (version.storedFile.mimeType !== EMAIL_MIME_TYPE) throw validation({ versionId: `${version.fileName} is not an e-mail message` });
  const email = await parseEmail(await openFile(store, version.storedFile.sha256));
  return { versionId: version.id, fileName: version.fileName, contact: version.item.contact, email };
}
