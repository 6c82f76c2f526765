import type { Db, Tx } from '../../db.ts';
import { conflict, notFound } from '../../errors.ts';
import { sanitizeFileName } from '../files/index.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import { inTransaction } from '../shared/transaction.ts';
import { isDuplicateSource, refuseDuplicateSource } from './item-access.ts';
import { insertItem } from './insert-item.ts';

export type AddStoredFileInput = {
  contactId: number;
  /** A StoredFile already in the file store (a mail attachment, the raw .eml). */
  storedFileId: number;
  fileName: string;
  text?: string;
  occurredAt?: Date;
  /** The same source is never filed twice on a contact (Item's unique index). */
  sourceRef?: string | null;
};

/**
 * addFile for bytes that are already in the store (the mail parser streamed them there): version 1
 * of a new file item, through insertItem like every other item (history, search words).
 */
export async function addStoredFile(db: Db | Tx, actor: Actor, input: AddStoredFileInput) {
  const fileName = sanitizeFileName(input.fileName);
  try {
    return await inTransaction(db, async (tx) => {
      const stored = await tx.storedFile.findUnique({ where: { id: input.storedFileId } });
      if (!stored) throw notFound('Stored file', input.storedFileId);
      const contact = await tx.contact.findUnique({ where: { id: input.contactId }, select: { id: true } });
      if (!contact) throw notFound('Contact', input.contactId);
      await refuseDuplicateSource(tx, actor, contact.id, input.sourceRef ?? null);
      return insertItem(tx, actor, {
        data: {
          contactId: contact.id,
          type: 'file',
          text: input.text?.trim() ?? '',
          occurredAt: input.occurredAt ?? new Date(),
          sourceRef: input.sourceRef ?? null,
          searchText: foldText(input.text, fileName),
          versions: { create: { version: 1, storedFileId: stored.id, fileName, uploadedById: actor.employeeId } },
        },
        include: { versions: true },
        action: 'file added',
        changes: [{ field: 'file', old: null, new: `${fileName} (${stored.mimeType}, ${stored.size} B)` }],
      });
    });
  } catch (error) {
    if (isDuplicateSource(error)) throw conflict(`This ${actor.channel} file is already on the contact`);
    throw error;
  }
}
