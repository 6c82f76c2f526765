import type { Db, Tx } from '../../db.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { formatGrosze, lineNetGrosze } from '../documents/totals.ts';

type Row = {
  id: number; contactId: number; articleId: number; quantity: Prisma.Decimal; unitNetPrice: Prisma.Decimal; paymentFormId: number | null;
  note: string; position: number; createdAt: Date; updatedAt: Date;
  articleCode: string; articleName: string; articleUnit: string; articleVatRate: string; articleListNetPrice: Prisma.Decimal;
  paymentFormName: string | null; paymentFormDays: number | null;
};

/**
 * The contact's sales subject with each line's net value and the total (PLN, as decimal strings).
 * Plain SQL: it is part of every contact page (see get-contact.ts).
 */
export async function listSalesLines(db: Db | Tx, contactId: number) {
  const rows = await db.$queryRaw<Row[]>`
    SELECT l.id, l."contactId", l."articleId", l.quantity, l."unitNetPrice", l."paymentFormId", l.note, l.position, l."createdAt", l."updatedAt",
           a.code::text AS "articleCode", a.name AS "articleName", a.unit AS "articleUnit", a."vatRate" AS "articleVatRate",
           a."listNetPrice" AS "articleListNetPrice", pf.name AS "paymentFormName", pf.days AS "paymentFormDays"
    FROM "SalesLine" l
    JOIN "Article" a ON a.id = l."articleId"
    LEFT JOIN "PaymentForm" pf ON pf.id = l."paymentFormId"
    WHERE l."contactId" = ${contactId}
    ORDER BY l.position, l.id`;
  let total = 0n;
  const lines = rows.map(({ articleCode, articleName, articleUnit, articleVatRate, articleListNetPrice, paymentFormName, paymentFormDays, ...line }) => {
    const net = lineNetGrosze(line.quantity, line.unitNetPrice);
    total += net;
    return {
      ...line,
      article: { id: line.articleId, code: articleCode, name: articleName, unit: articleUnit, vatRate: articleVatRate, listNetPrice: articleListNetPrice },
      paymentForm: line.paymentFormId !== null ? { id: line.paymentFormId, name: paymentFormName!, days: paymentFormDays! } : null,
      netValue: formatGrosze(net),
    };
  });
  return { lines, netTotal: formatGrosze(total) };
}
