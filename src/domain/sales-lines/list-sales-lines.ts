import type { Db, Tx } from '../../db.ts';
import { formatGrosze, lineNetGrosze } from '../documents/totals.ts';

/** The contact's sales subject with each line's net value and the total (PLN, as decimal strings). */
export async function listSalesLines(db: Db | Tx, contactId: number) {
  const lines = await db.salesLine.findMany({
    where: { contactId },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    include: {
      article: { select: { id: true, code: true, name: true, unit: true, vatRate: true, listNetPrice: true } },
      paymentForm: { select: { id: true, name: true, days: true } },
    },
  });
  const valued = lines.map((line) => ({ ...line, netValue: lineNetGrosze(line.quantity, line.unitNetPrice) }));
  const total = valued.reduce((sum, line) => sum + line.netValue, 0n);
  return {
    lines: valued.map((line) => ({ ...line, netValue: formatGrosze(line.netValue) })),
    netTotal: formatGrosze(total),
  };
}
