import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { conflict, notFound } from '../../errors.ts';
import { diffFields, recordHistory } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import { id, instant, optionalId, text } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { isDuplicateSource, refuseDuplicateSource } from './item-access.ts';
import { addItemWords } from './item-words.ts';

const addNoteInput = z.object({
  contactId: id,
  text: text(100_000).min(1, 'write something'),
  /** Free text: phone, meeting, presentation… (suggestions: suggestNoteKinds). */
  noteKind: text(60).nullable().optional().transform((v) => v?.toLowerCase() || null),
  occurredAt: instant.optional(),
  /** A due date makes the note a planned activity (task) for the assignee. */
  dueAt: instant.nullable().optional(),
  assigneeId: optionalId,
  /** Message-ID, Slack ts or permalink: the same source is never filed twice on a contact. */
  sourceRef: text(500).nullable().optional().transform((v) => v || null),
});
export type AddNoteInput = z.input<typeof addNoteInput>;

/** Adds a note (or, with dueAt, a task) to a contact's timeline. The same path for every channel. */
export async function addNote(db: Db | Tx, actor: Actor, input: AddNoteInput) {
  const data = parseInput(addNoteInput, input);
  try {
    return await inTransaction(db, async (tx) => {
      const contact = await tx.contact.findUnique({ where: { id: data.contactId }, select: { id: true } });
      if (!contact) throw notFound('Contact', data.contactId);
      await refuseDuplicateSource(tx, actor, data.contactId, data.sourceRef);
      const item = await tx.item.create({
        data: {
          ...data,
          type: 'note',
          occurredAt: data.occurredAt ?? new Date(),
          assigneeId: data.dueAt ? (data.assigneeId ?? actor.employeeId) : (data.assigneeId ?? null),
          authorId: actor.employeeId,
          source: actor.channel,
          searchText: foldText(data.noteKind, data.text),
        },
      });
      await addItemWords(tx, item.contactId, item.searchText);
      await recordHistory(tx, actor, {
        contactId: item.contactId,
        entity: 'item',
        entityId: item.id,
        action: item.dueAt ? 'task added' : 'note added',
        changes: diffFields({}, { noteKind: item.noteKind, text: item.text, occurredAt: item.occurredAt, dueAt: item.dueAt, assigneeId: item.assigneeId }),
      });
      return item;
    });
  } catch (error) {
    if (isDuplicateSource(error)) throw conflict(`This ${actor.channel} message is already on the contact`);
    throw error;
  }
}
