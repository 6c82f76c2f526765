import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { validation } from '../../errors.ts';
import { diffFields, recordHistory } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import { id, instant, optionalId, text } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { loadItemForChange } from './item-access.ts';
import { refreshItemWords } from './item-words.ts';
import { countNoteKindUse } from './note-kinds.ts';

const editItemInput = z
  .object({
    id,
    text: text(100_000),
    noteKind: text(60).nullable().transform((v) => v?.toLowerCase() || null),
    occurredAt: instant,
    dueAt: instant.nullable(),
    assigneeId: optionalId,
    /** Marks a task done (now) or not done. */
    done: z.boolean(),
  })
  .partial()
  .required({ id: true })
  .strict();

/** Edits a timeline item; marks tasks done or not done. */
export async function editItem(db: Db | Tx, actor: Actor, input: z.input<typeof editItemInput>) {
  const { id, done, ...fields } = parseInput(editItemInput, input);
  return inTransaction(db, async (tx) => {
    // The assignee may tick their task done or not done, and change nothing else.
    const before = await loadItemForChange(tx, actor, id, { asAssignee: Object.keys(fields).length === 0 && done !== undefined });
    if (before.type === 'note' && fields.text !== undefined && fields.text === '') throw validation({ text: 'a note needs text' });
    if (fields.assigneeId) {
      const assignee = await tx.employee.findUnique({ where: { id: fields.assigneeId }, select: { active: true } });
      if (!assignee?.active) throw validation({ assigneeId: `employee ${fields.assigneeId} does not exist or is inactive` });
    }
    const data = {
      ...fields,
      ...(done === undefined ? {} : { doneAt: done ? (before.doneAt ?? new Date()) : null }),
    };
    const changes = diffFields(before, data);
    if (changes.length === 0) return before;
    const versions = await tx.fileVersion.findMany({ where: { itemId: id }, select: { fileName: true } });
    const item = await tx.item.update({
      where: { id },
      data: {
        ...data,
        searchText: foldText(data.noteKind ?? before.noteKind, data.text ?? before.text, ...versions.map((v) => v.fileName)),
      },
    });
    await refreshItemWords(tx, item.contactId);
    if (changes.some((c) => c.field === 'noteKind')) await countNoteKindUse(tx, item.noteKind);
    const action = done === true && !before.doneAt ? 'task done' : 'item edited';
    await recordHistory(tx, actor, { contactId: item.contactId, entity: 'item', entityId: id, action, changes });
    return item;
  });
}
