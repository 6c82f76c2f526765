import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { nameWriteError } from './catalog-errors.ts';
import { paymentFormFields } from './create-payment-form.ts';

const updatePaymentFormInput = z.object(paymentFormFields).partial().extend({ id });
export type UpdatePaymentFormInput = z.input<typeof updatePaymentFormInput>;

export async function updatePaymentForm(db: Db | Tx, _actor: Actor, input: unknown) {
  const { id, ...changes } = parseInput(updatePaymentFormInput, input);
  const exists = await db.paymentForm.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw notFound('payment form', id);
  return db.paymentForm.update({ where: { id }, data: changes }).catch((error: unknown) => {
    throw nameWriteError(error, changes.name);
  });
}
