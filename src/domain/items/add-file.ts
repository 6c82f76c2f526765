import type { Db, Tx } from '../../db.ts';
import { conflict, notFound } from '../../errors.ts';
import { storeFile, type FileStore, type StoreFileInput } from '../files/index.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import { inTransaction } from '../shared/transaction.ts';
import { isDuplicateSource, refuseDuplicateSource } from './item-access.ts';
import { insertItem } from './insert-item.ts';

export type AddFileInput = {
  contactId: number;
  file: StoreFileInput;
  /** A caption shown on the timeline. */
  text?: string;
  occurredAt?: Date;
  /** Message-ID, Slack file id or permalink: the same source is never filed twice on a contact. */
  sourceRef?: string | null;
};

/**
 * Puts a file (fax, photo, Word document, e-mail) on a contact's timeline as version 1 of a file
 * item. The bytes are streamed into the content-addressed store first (outside the transaction:
 * a blob without a row is harmless and reused by the next upload of the same bytes).
 */
export async function addFile(db: Db | Tx, store: FileStore, actor: Actor, input: AddFileInput) {
  const contact = await db.contact.findUnique({ where: { id: input.contactId }, select: { id: true } });
  if (!contact) throw notFound('Contact', input.contactId);
  const stored = await storeFile(db, store, input.file);
  try {
    return await inTransaction(db, async (tx) => {
      await refuseDuplicateSource(tx, actor, contact.id, input.sourceRef ?? null);
      return insertItem(tx, actor, {
        data: {
          contactId: contact.id,
          type: 'file',
          text: input.text?.trim() ?? '',
          occurredAt: input.occurredAt ?? new Date(),
          sourceRef: input.sourceRef ?? null,
          searchText: foldText(input.text, stored.fileName),
          versions: { create: { version: 1, storedFileId: stored.storedFile.id, fileName: stored.fileName, uploadedById: actor.employeeId } },
        },
        include: { versions: { include: { storedFile: true } } },
        action: 'file added',
        changes: [{ field: 'file', old: null, new: `${stored.fileName} (${stored.storedFile.mimeType}, ${stored.storedFile.size} B)` }],
      });
    });
  } catch (error) {
    if (isDuplicateSource(error)) throw conflict(`This ${actor.channel} file is already on the contact`);
    throw error;
  }
}
