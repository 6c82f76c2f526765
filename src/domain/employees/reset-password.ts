import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { forbidden, notFound, validation } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { hashPassword } from './password.ts';

const resetPasswordInput = z.object({ employeeId: id, password: z.string() });
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

/**
 * An admin sets (or resets) another employee's password. Every session of that employee ends:
 * a reset usually means the old password leaked or was forgotten. Admins change their own
 * password on the account page, which asks for the current one.
 */
export async function resetPassword(db: Db | Tx, actor: Actor, input: unknown): Promise<{ endedSessions: number }> {
  if (!isPrivileged(actor)) throw forbidden("only admins may reset another employee's password");
  const { employeeId, password } = parseInput(resetPasswordInput, input);
  if (actor.employeeId === employeeId) throw validation({ password: 'change your own password on the account page' });
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const employee = await tx.employee.findUnique({ where: { id: employeeId }, select: { id: true } });
    if (!employee) throw notFound('employee', employeeId);
    await tx.employee.update({ where: { id: employeeId }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({ where: { employeeId } });
    return { endedSessions: count };
  });
}
