import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';

export async function getPaymentForm(db: Db | Tx, id: number) {
  const form = await db.paymentForm.findUnique({ where: { id } });
  if (!form) throw notFound('payment form', id);
  return form;
}
