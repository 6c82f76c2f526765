import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { diffFields, recordHistory } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { checkSalesLineReferences, salesLineFields } from './sales-line-fields.ts';

const updateSalesLineInput = z.object({ id }).extend(z.object(salesLineFields).partial().shape).strict();

export async function updateSalesLine(db: Db | Tx, actor: Actor, input: z.input<typeof updateSalesLineInput>) {
  const { id: lineId, ...data } = parseInput(updateSalesLineInput, input);
  return inTransaction(db, async (tx) => {
    const before = await tx.salesLine.findUnique({ where: { id: lineId } });
    if (!before) throw notFound('Sales line', lineId);
    await checkSalesLineReferences(tx, data);
    const changes = diffFields(before, data);
    if (changes.length === 0) return before;
    const line = await tx.salesLine.update({ where: { id: lineId }, data });
    await recordHistory(tx, actor, { contactId: line.contactId, entity: 'sales_line', entityId: lineId, action: 'sales line updated', changes });
    return line;
  });
}
