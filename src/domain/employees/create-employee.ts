import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { forbidden } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import {
  assertEmployeeUnique, assertManagerAllowed, employeeFields, employeeOmit, employeeWriteError, lockManagerChanges,
} from './employee-fields.ts';
import { hashPassword } from './password.ts';

const createEmployeeInput = z.object({
  ...employeeFields,
  role: employeeFields.role.default('member'),
  active: employeeFields.active.default(true),
  timeZone: employeeFields.timeZone.optional(),
  locale: employeeFields.locale.optional(),
  reminderChannel: employeeFields.reminderChannel.optional(),
  workingHours: employeeFields.workingHours.optional(),
  /** Optional initial password; without one the employee signs in through Slack until set-password. */
  password: z.string().optional(),
});
export type CreateEmployeeInput = z.input<typeof createEmployeeInput>;

/** Adds an employee; admins only. Unset settings take the database defaults. */
export async function createEmployee(db: Db | Tx, actor: Actor, input: unknown) {
  if (!isPrivileged(actor)) throw forbidden('only admins may add employees');
  const { password, ...data } = parseInput(createEmployeeInput, input);
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  return inTransaction(db, async (tx) => {
    if (data.managerId) {
      await lockManagerChanges(tx);
      await assertManagerAllowed(tx, null, data.managerId);
    }
    await assertEmployeeUnique(tx, data);
    return tx.employee.create({ data: { ...data, passwordHash }, omit: employeeOmit }).catch((error: unknown) => {
      throw employeeWriteError(error);
    });
  });
}
