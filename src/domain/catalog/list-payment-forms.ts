import type { Db, Tx } from '../../db.ts';

/** Payment forms ordered by days, then name (the order pickers show them in). */
export async function listPaymentForms(db: Db | Tx, options: { active?: boolean } = {}) {
  return db.paymentForm.findMany({ where: { active: options.active }, orderBy: [{ days: 'asc' }, { name: 'asc' }] });
}
