import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { requiredText } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { nameWriteError } from './catalog-errors.ts';

export const paymentFormFields = {
  name: requiredText(100),
  /** Days from issue to payment; 0 is cash or immediate. */
  days: z.number().int().min(0).max(365),
  active: z.boolean(),
};

const createPaymentFormInput = z.object({
  ...paymentFormFields,
  days: paymentFormFields.days.default(0),
  active: paymentFormFields.active.default(true),
});
export type CreatePaymentFormInput = z.input<typeof createPaymentFormInput>;

export async function createPaymentForm(db: Db | Tx, _actor: Actor, input: unknown) {
  const data = parseInput(createPaymentFormInput, input);
  return db.paymentForm.create({ data }).catch((error: unknown) => {
    throw nameWriteError(error, data.name);
  });
}
