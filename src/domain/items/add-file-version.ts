import type { Db, Tx } from '../../db.ts';
import { validation } from '../../errors.ts';
import { recordHistory } from '../history/record-history.ts';
import { storeFile, type FileStore, type StoreFileInput } from '../files/index.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import { inTransaction } from '../shared/transaction.ts';
import { loadItemForChange } from './item-access.ts';
import { addItemWords } from './item-words.ts';

/** Uploads a new version of a file item; the old versions stay available. */
export async function addFileVersion(db: Db | Tx, store: FileStore, actor: Actor, input: { itemId: number; file: StoreFileInput }) {
  const stored = await storeFile(db, store, input.file);
  return inTransaction(db, async (tx) => {
    const item = await loadItemForChange(tx, actor, input.itemId);
    if (item.type !== 'file') throw validation({ itemId: 'only file items have versions' });
    // Lock the item so two uploads at once get versions n+1 and n+2, not two n+1s.
    await tx.$queryRaw`SELECT id FROM "Item" WHERE id = ${item.id} FOR UPDATE`;
    const last = await tx.fileVersion.findFirst({ where: { itemId: item.id }, orderBy: { version: 'desc' } });
    const version = await tx.fileVersion.create({
      data: { itemId: item.id, version: (last?.version ?? 0) + 1, storedFileId: stored.storedFile.id, fileName: stored.fileName, uploadedById: actor.employeeId },
      include: { storedFile: true },
    });
    const names = await tx.fileVersion.findMany({ where: { itemId: item.id }, select: { fileName: true } });
    const searchText = foldText(item.text, ...new Set(names.map((n) => n.fileName)));
    await tx.item.update({ where: { id: item.id }, data: { searchText } });
    await addItemWords(tx, item.contactId, searchText);
    await recordHistory(tx, actor, {
      contactId: item.contactId,
      entity: 'item',
      entityId: item.id,
      action: 'file version added',
      changes: [{ field: 'version', old: last ? `${last.fileName} (v${last.version})` : null, new: `${version.fileName} (v${version.version})` }],
    });
    return version;
  });
}
