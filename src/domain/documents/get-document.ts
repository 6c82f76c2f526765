import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { documentTotals, formatGrosze } from './totals.ts';

/** A document with its lines, company, kind and the per-rate VAT summary. */
export async function getDocument(db: Db | Tx, id: number) {
  const document = await db.document.findUnique({
    where: { id },
    include: {
      kind: true,
      company: true,
      paymentForm: true,
      contact: { select: { id: true, number: true, title: true } },
      lines: { orderBy: { position: 'asc' } },
    },
  });
  if (!document) throw notFound('Document', id);
  const totals = documentTotals(document.lines);
  return {
    ...document,
    vatSummary: totals.byRate.map((r) => ({ vatRate: r.vatRate, net: formatGrosze(r.net), vat: formatGrosze(r.vat), gross: formatGrosze(r.gross) })),
  };
}
