import type { Tx } from '../../db.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { recordHistory, type FieldChange } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { addItemWords } from './item-words.ts';
import { countNoteKindUse } from './note-kinds.ts';

type ItemData = Omit<Prisma.ItemUncheckedCreateInput, 'authorId' | 'source'>;

/**
 * The one way an item gets onto a timeline: the row (author and source from the actor), its
 * words merged into the contact's itemWords (search), one more use of its note kind, and a
 * history entry. Notes, files and
 * documents all come through here, so none of them can forget one of the three.
 */
export async function insertItem<Include extends Prisma.ItemInclude = Record<string, never>>(
  tx: Tx,
  actor: Actor,
  entry: { data: ItemData; action: string; changes: FieldChange[]; include?: Include },
): Promise<Prisma.ItemGetPayload<{ include: Include }>> {
  const item = await tx.item.create({
    data: { ...entry.data, authorId: actor.employeeId, source: actor.channel },
    include: entry.include,
  });
  await addItemWords(tx, item.contactId, item.searchText);
  await countNoteKindUse(tx, item.noteKind);
  await recordHistory(tx, actor, { contactId: item.contactId, entity: 'item', entityId: item.id, action: entry.action, changes: entry.changes });
  return item as Prisma.ItemGetPayload<{ include: Include }>;
}
