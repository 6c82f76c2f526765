import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { historyValue, recordHistory } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';

export async function removeSalesLine(db: Db | Tx, actor: Actor, input: { id: number }) {
  const { id: lineId } = parseInput(z.object({ id }), input);
  return inTransaction(db, async (tx) => {
    const line = await tx.salesLine.findUnique({ where: { id: lineId }, include: { article: { select: { code: true } } } });
    if (!line) throw notFound('Sales line', lineId);
    await tx.salesLine.delete({ where: { id: lineId } });
    await recordHistory(tx, actor, {
      contactId: line.contactId,
      entity: 'sales_line',
      entityId: lineId,
      action: 'sales line removed',
      changes: [
        { field: 'article', old: line.article.code, new: null },
        { field: 'quantity', old: historyValue(line.quantity), new: null },
        { field: 'unitNetPrice', old: historyValue(line.unitNetPrice), new: null },
      ],
    });
    return { id: lineId, contactId: line.contactId };
  });
}
