import { z } from 'zod';
import type { Tx } from '../../db.ts';
import { validation } from '../../errors.ts';
import { decimal, id, optionalId, text } from '../shared/schemas.ts';

export const salesLineFields = {
  articleId: id,
  quantity: decimal(3, { min: 0.001, max: 999_999_999 }),
  /** Negotiated unit net price in PLN; defaults to the article's list price. */
  unitNetPrice: decimal(2, { min: 0 }),
  paymentFormId: optionalId,
  note: text(2000),
  position: z.coerce.number().int().min(0),
};

export async function checkSalesLineReferences(tx: Tx, refs: { articleId?: number; paymentFormId?: number | null }) {
  const article = await (refs.articleId ? tx.article.findUnique({ where: { id: refs.articleId } }) : null);
  const paymentForm = await (refs.paymentFormId ? tx.paymentForm.findUnique({ where: { id: refs.paymentFormId }, select: { id: true } }) : null);
  const fields: Record<string, string> = {};
  if (refs.articleId && !article) fields.articleId = `article ${refs.articleId} does not exist`;
  if (refs.paymentFormId && !paymentForm) fields.paymentFormId = `payment form ${refs.paymentFormId} does not exist`;
  if (Object.keys(fields).length) throw validation(fields);
  return { article };
}
