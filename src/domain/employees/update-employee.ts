import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { forbidden, notFound } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import {
  SELF_SERVICE_FIELDS, assertEmployeeUnique, assertManagerAllowed, employeeFields, employeeOmit, employeeWriteError, lockManagerChanges,
} from './employee-fields.ts';

const updateEmployeeInput = z.object(employeeFields).partial().extend({ id });
export type UpdateEmployeeInput = z.input<typeof updateEmployeeInput>;

/**
 * Partial update. Admins may change anything; an employee may change only their own
 * SELF_SERVICE_FIELDS (locale, time zone, reminder channel, working hours).
 */
export async function updateEmployee(db: Db | Tx, actor: Actor, input: unknown) {
  const { id, ...changes } = parseInput(updateEmployeeInput, input);
  if (!isPrivileged(actor)) {
    if (actor.employeeId !== id) throw forbidden("only admins may change another employee's record");
    const adminOnly = Object.keys(changes).filter(
      (f) => changes[f as keyof typeof changes] !== undefined && !(SELF_SERVICE_FIELDS as readonly string[]).includes(f),
    );
    if (adminOnly.length > 0) throw forbidden(`only admins may change ${adminOnly.join(', ')}`);
  }
  return inTransaction(db, async (tx) => {
    const before = await tx.employee.findUnique({ where: { id }, select: { id: true, managerId: true } });
    if (!before) throw notFound('employee', id);
    if (changes.managerId && changes.managerId !== before.managerId) {
      await lockManagerChanges(tx);
      await assertManagerAllowed(tx, id, changes.managerId);
    }
    await assertEmployeeUnique(tx, changes, id);
    return tx.employee.update({ where: { id }, data: changes, omit: employeeOmit }).catch((error: unknown) => {
      throw employeeWriteError(error);
    });
  });
}
