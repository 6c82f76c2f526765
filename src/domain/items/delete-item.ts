import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { historyValue, recordHistory } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { loadItemForChange } from './item-access.ts';
import { refreshItemWords } from './item-words.ts';

/**
 * Removes an item from the timeline. Its old values stay in the contact's history; file blobs
 * stay in the store (they are content-addressed and may be shared by other items).
 */
export async function deleteItem(db: Db | Tx, actor: Actor, input: { id: number }) {
  const { id: itemId } = parseInput(z.object({ id }), input);
  return inTransaction(db, async (tx) => {
    const item = await loadItemForChange(tx, actor, itemId);
    const versions = await tx.fileVersion.findMany({ where: { itemId }, select: { fileName: true, version: true } });
    await tx.item.delete({ where: { id: itemId } });
    await refreshItemWords(tx, item.contactId);
    await recordHistory(tx, actor, {
      contactId: item.contactId,
      entity: 'item',
      entityId: itemId,
      action: 'item deleted',
      changes: Object.entries({
        type: item.type, noteKind: item.noteKind, text: item.text, occurredAt: item.occurredAt,
        dueAt: item.dueAt, doneAt: item.doneAt, documentId: item.documentId,
        files: versions.length ? versions.map((v) => `${v.fileName} (v${v.version})`) : null,
      })
        .filter(([, value]) => value !== null && value !== '')
        .map(([field, value]) => ({ field, old: historyValue(value), new: null })),
    });
    return { id: itemId, contactId: item.contactId };
  });
}
