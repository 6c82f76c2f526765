import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { diffFields, recordHistory } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { checkSalesLineReferences, salesLineFields } from './sales-line-fields.ts';

const addSalesLineInput = z.object({
  contactId: id,
  ...salesLineFields,
  unitNetPrice: salesLineFields.unitNetPrice.optional(),
  note: salesLineFields.note.default(''),
  position: salesLineFields.position.optional(),
});

/** Adds an article to the contact's sales subject (at the article's list price unless negotiated). */
export async function addSalesLine(db: Db | Tx, actor: Actor, input: z.input<typeof addSalesLineInput>) {
  const data = parseInput(addSalesLineInput, input);
  return inTransaction(db, async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: data.contactId }, select: { id: true } });
    if (!contact) throw notFound('Contact', data.contactId);
    const { article } = await checkSalesLineReferences(tx, data);
    const position = data.position ?? (await tx.salesLine.count({ where: { contactId: data.contactId } }));
    const line = await tx.salesLine.create({
      data: { ...data, position, unitNetPrice: data.unitNetPrice ?? article!.listNetPrice },
    });
    await recordHistory(tx, actor, {
      contactId: data.contactId,
      entity: 'sales_line',
      entityId: line.id,
      action: 'sales line added',
      changes: diffFields({}, { article: article!.code, quantity: line.quantity, unitNetPrice: line.unitNetPrice, paymentFormId: line.paymentFormId, note: line.note || undefined }),
    });
    return line;
  });
}
