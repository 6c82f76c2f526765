import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { conflict, notFound, validation } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import { id, text } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { insertItem } from './insert-item.ts';

const linkDocumentInput = z.object({ contactId: id, documentId: id, text: text(2000).optional() });

/** Puts an existing document of the contact's company on its timeline (once). */
export async function linkDocument(db: Db | Tx, actor: Actor, input: z.input<typeof linkDocumentInput>) {
  const data = parseInput(linkDocumentInput, input);
  return inTransaction(db, async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: data.contactId }, select: { id: true, number: true, companyId: true } });
    const document = await tx.document.findUnique({ where: { id: data.documentId }, include: { kind: true } });
    if (!contact) throw notFound('Contact', data.contactId);
    if (!document) throw notFound('Document', data.documentId);
    if (document.companyId !== contact.companyId) throw validation({ documentId: `${document.number} belongs to another company than ${contact.number}` });
    const existing = await tx.item.findFirst({ where: { contactId: contact.id, documentId: document.id }, select: { id: true } });
    if (existing) throw conflict(`${document.number} is already on ${contact.number}`, existing);
    return insertItem(tx, actor, {
      data: {
        contactId: contact.id,
        type: 'document',
        documentId: document.id,
        text: data.text || `${document.kind.namePl} ${document.number}`,
        searchText: foldText(document.number, document.kind.namePl, document.kind.nameEn, data.text),
      },
      action: 'document linked',
      changes: [{ field: 'document', old: null, new: document.number }],
    });
  });
}
